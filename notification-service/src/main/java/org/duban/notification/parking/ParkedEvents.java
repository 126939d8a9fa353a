package org.duban.notification.parking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.duban.common.consuming.Failures;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.common.consuming.Poison;
import org.duban.common.problem.ProblemException;
import org.duban.notification.paging.InboxCursor;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parked records (table parked_event): parking one in its own transaction, listing them, and
 * re-driving or discarding one. A re-drive runs the consumer's own logic ({@link ParkedEventApplier})
 * and marks the row REDRIVEN in the effect's transaction; the consumer's processed_event log makes
 * it apply at most once per event id, however often it is re-driven.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
    private static final int MAX_MESSAGE = 2000;

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Instance<ParkedEventApplier> appliers;

    @Inject
    KnownUnits units;

    /** Parks {@code record} (or, parked before, counts the new failure on its row); returns the row's id. */
    public UUID park(String consumer, ConsumerRecord<String, String> record, Throwable error, int attempts) {
        Throwable cause = Failures.cause(error);
        OffsetDateTime now = now();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        String headersJson;
        try {
            headersJson = json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return QuarkusTransaction.requiringNew().call(() -> (UUID) session.createNativeQuery("""
                INSERT INTO parked_event (id, consumer, topic, kafka_partition, kafka_offset, record_key, headers, value,
                                          event_id, event_type, unit_code, reason, error_class, error_message, attempts,
                                          first_failed_at, last_failed_at, status)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, 'PARKED')
                ON CONFLICT (topic, kafka_partition, kafka_offset) DO UPDATE SET
                    reason = excluded.reason, error_class = excluded.error_class, error_message = excluded.error_message,
                    attempts = parked_event.attempts + excluded.attempts, last_failed_at = excluded.last_failed_at,
                    status = 'PARKED', resolved_at = NULL, resolved_by = NULL
                RETURNING id""", UUID.class)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, consumer)
                .setParameter(3, record.topic())
                .setParameter(4, record.partition())
                .setParameter(5, record.offset())
                .setParameter(6, storable(record.key()), String.class)
                .setParameter(7, headersJson)
                .setParameter(8, record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8), byte[].class)
                .setParameter(9, storable(headers.get("ce_id")), String.class)
                .setParameter(10, storable(headers.get("ce_type")), String.class)
                .setParameter(11, storable(unitCodeOf(record.value())), String.class)
                .setParameter(12, Failures.reason(error))
                .setParameter(13, cause.getClass().getName())
                .setParameter(14, message(error))
                .setParameter(15, attempts)
                .setParameter(16, now, OffsetDateTime.class)
                .getSingleResult());
    }

    /**
     * A task event parked as unknown-unit while the unit's snapshot was being applied: the unit
     * consumer looked for parked events before this row existed, so look once more now.
     */
    public void redriveIfUnitArrived(UUID id) {
        try {
            ParkedEvent p = QuarkusTransaction.requiringNew().call(() -> ParkedEvent.<ParkedEvent>findById(id));
            if (p != null && Poison.UNKNOWN_UNIT.equals(p.reason) && p.unitCode != null
                    && QuarkusTransaction.requiringNew().call(() -> units.known(p.unitCode))) {
                redrive(id, "auto: unit " + p.unitCode + " is in the replica");
            }
        } catch (RuntimeException e) {
            LOG.warnf("parked event %s: the re-check of its unit failed (%s); re-drive it by hand", id,
                    InPlaceRetry.describe(e));
        }
    }

    /** After a unit's snapshot is applied: re-drives the task events parked because the replica lacked it, in record order. */
    public void redriveWaitingFor(String unitCode) {
        List<UUID> ids;
        try {
            ids = QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery("""
                    SELECT id FROM parked_event WHERE unit_code = ?1 AND status = 'PARKED' AND reason = 'unknown-unit'
                    ORDER BY topic, kafka_partition, kafka_offset""", UUID.class)
                    .setParameter(1, unitCode).getResultList());
        } catch (RuntimeException e) {
            // never fail the unit consumer for this: the events stay parked, to re-drive by hand
            LOG.warnf("could not look for events parked for unit %s: %s", unitCode, InPlaceRetry.describe(e));
            return;
        }
        for (UUID id : ids) {
            try {
                ParkedEventApi.View v = redrive(id, "auto: unit " + unitCode + " arrived in the replica");
                LOG.infof("parked event %s (%s) re-driven now that unit %s is known: %s", id, v.eventId(), unitCode, v.status());
            } catch (RuntimeException e) {
                LOG.warnf("parked event %s: automatic re-drive failed (%s); re-drive it by hand", id, InPlaceRetry.describe(e));
            }
        }
    }

    public ParkedEventApi.Page list(String status, String cursor, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            StringBuilder q = new StringBuilder("status = :status");
            Map<String, Object> p = new HashMap<>();
            p.put("status", status);
            InboxCursor.appendAfter(q, p, "firstFailedAt", cursor);
            InboxCursor.Page<ParkedEvent> page = InboxCursor.Page.of(ParkedEvent.<ParkedEvent>find(q.toString(),
                    Sort.descending("firstFailedAt", "id"), p).page(0, limit + 1).list(), limit,
                    e -> new InboxCursor(e.firstFailedAt, e.id));
            return new ParkedEventApi.Page(page.rows().stream().map(this::view).toList(), page.next());
        });
    }

    public ParkedEventApi.View get(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> view(find(id)));
    }

    public long countParked() {
        return QuarkusTransaction.joiningExisting().call(() -> ParkedEvent.count("status", ParkedEvent.Status.PARKED.name()));
    }

    /**
     * Applies a parked record again through its consumer. Applied: REDRIVEN (in the effect's
     * transaction). Failing: still PARKED, with the new error and one more attempt. A REDRIVEN record
     * is left as it is; a DISCARDED one is refused (409).
     */
    public ParkedEventApi.View redrive(UUID id, String by) {
        ParkedEvent p = QuarkusTransaction.requiringNew().call(() -> find(id));
        if (ParkedEvent.Status.DISCARDED.name().equals(p.status)) {
            throw ProblemException.conflict("Parked event " + id + " was discarded");
        }
        if (ParkedEvent.Status.REDRIVEN.name().equals(p.status)) {
            return get(id);
        }
        ParkedEventApplier applier = applier(p.consumer)
                .orElseThrow(() -> ProblemException.conflict("No consumer " + p.consumer + " to re-drive parked event " + id));
        try {
            applier.apply(record(p), () -> {
                int n = session.createNativeMutationQuery("""
                        UPDATE parked_event SET status = 'REDRIVEN', resolved_at = ?2, resolved_by = ?3
                        WHERE id = ?1 AND status = 'PARKED'""")
                        .setParameter(1, id).setParameter(2, now()).setParameter(3, storable(by), String.class).executeUpdate();
                if (n == 0) {
                    // discarded meanwhile: the effect must not commit
                    throw ProblemException.conflict("Parked event " + id + " was resolved meanwhile");
                }
            });
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
                throw e;
            }
            QuarkusTransaction.requiringNew().run(() -> session.createNativeMutationQuery("""
                    UPDATE parked_event SET attempts = attempts + 1, last_failed_at = ?2, reason = ?3, error_class = ?4,
                                            error_message = ?5
                    WHERE id = ?1 AND status = 'PARKED'""")
                    .setParameter(1, id).setParameter(2, now()).setParameter(3, Failures.reason(e))
                    .setParameter(4, Failures.cause(e).getClass().getName()).setParameter(5, message(e))
                    .executeUpdate());
        }
        return get(id);
    }

    /** Gives a parked record up: DISCARDED, out of the list. Discarding twice is a no-op; a REDRIVEN one is refused (409). */
    public ParkedEventApi.View discard(UUID id, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ParkedEvent p = find(id);
            int n = session.createNativeMutationQuery("""
                    UPDATE parked_event SET status = 'DISCARDED', resolved_at = ?2, resolved_by = ?3
                    WHERE id = ?1 AND status = 'PARKED'""")
                    .setParameter(1, id).setParameter(2, now()).setParameter(3, storable(by), String.class).executeUpdate();
            if (n == 0) {
                session.refresh(p);
                if (ParkedEvent.Status.REDRIVEN.name().equals(p.status)) {
                    throw ProblemException.conflict("Parked event " + id + " was re-driven already");
                }
            } else {
                session.refresh(p);
            }
            return view(p);
        });
    }

    private ParkedEvent find(UUID id) {
        ParkedEvent p = ParkedEvent.findById(id);
        if (p == null) {
            throw ProblemException.notFound("No parked event " + id);
        }
        return p;
    }

    private Optional<ParkedEventApplier> applier(String consumer) {
        for (ParkedEventApplier a : appliers) {
            if (a.consumer().equals(consumer)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The record as the consumer read it: topic, partition, offset, key, headers and value. */
    private ConsumerRecord<String, String> record(ParkedEvent p) {
        RecordHeaders headers = new RecordHeaders();
        headers(p).forEach((k, v) -> headers.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        String value = p.value == null ? null : new String(p.value, StandardCharsets.UTF_8);
        return new ConsumerRecord<>(p.topic, p.partition, p.offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                -1, -1, p.key, value, headers, Optional.empty());
    }

    private Map<String, String> headers(ParkedEvent p) {
        try {
            return json.readValue(p.headers, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private ParkedEventApi.View view(ParkedEvent p) {
        return ParkedEventApi.View.of(p, headers(p));
    }

    private String unitCodeOf(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = json.readTree(value);
            if (n == null) {
                return null;
            }
            // a task event names its unit in its task part (issue 18); other payloads at the top
            JsonNode code = n.path("task").path("unitCode").isTextual() ? n.path("task").path("unitCode") : n.path("unitCode");
            return code.isTextual() ? code.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String message(Throwable error) {
        String m = storable(InPlaceRetry.describe(error));
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
    }

    /** PostgreSQL's TEXT cannot hold NUL: shown as U+FFFD in the columns an operator reads (the value keeps its bytes). */
    private static String storable(String s) {
        return s == null ? null : s.replace('\u0000', '\uFFFD');
    }

}
