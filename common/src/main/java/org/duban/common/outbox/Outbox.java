package org.duban.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.tracing.StoredTrace;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.query.NativeQuery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Records an event in the outbox table, in the caller's transaction: the event exists if and
 * only if the change that caused it was committed. {@link OutboxRelay} sends it to Kafka. Only in a
 * service that produces events ({@link #ENABLED}).
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class Outbox {

    /**
     * Build property that turns the outbox on (issue 18: the outbox and its relay only where a service
     * produces events). A producing service sets {@code duban.outbox.enabled=true} in its
     * application.properties; without it none of the outbox's beans exist — no {@code Outbox}, no relay, no
     * Kafka producer (common's {@code outbox} channel is {@code enabled=${duban.outbox.enabled:false}}), no
     * outbox gauges and no outbox readiness check.
     */
    public static final String ENABLED = "duban.outbox.enabled";

    /**
     * The one table the outbox's inserts touch, named to Hibernate (issue 16): a native statement with no
     * query space makes Hibernate flush the whole persistence context first (it cannot know what the SQL
     * reads), so a transaction that added N events dirty-checked every managed entity N times — 10 % of
     * task-service's CPU at saturation (JFR). No entity maps {@code outbox_event} and the insert reads no
     * other table, so nothing needs flushing: the caller's changes are flushed once, at commit (or where the
     * caller flushes, e.g. to read a new version), in the same transaction as the event.
     */
    static final String TABLE = "outbox_event";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** CloudEvents {@code source} of this service's events, e.g. {@code /duban/task-service}. */
    @ConfigProperty(name = "duban.events.source")
    String source;

    @Inject
    Event<Written> written;

    /** The current span's trace context is stored with the row (a no-op when tracing is off). */
    @Inject
    OpenTelemetry otel;

    /**
     * Fired for every event added (once for an {@link #addAll}: its first id, its {@code occurred_at} and how many
     * it added); {@link OutboxRelay} reacts once the transaction has committed.
     */
    public record Written(UUID id, OffsetDateTime occurredAt, int events) {
    }

    /**
     * Adds an event to the outbox.
     *
     * @param topic   Kafka topic
     * @param key     record key (ordering: all events of one key stay in order)
     * @param type    CloudEvents type, e.g. {@code task.assigned}
     * @param subject CloudEvents subject, e.g. the assignment id
     * @param data    the payload, serialised as JSON
     * @return the event id ({@code ce_id}), the consumers' deduplication key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(String topic, String key, String type, String subject, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
        }
        StoredTrace trace = StoredTrace.current(otel);
        OffsetDateTime occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("""
                INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload,
                                          traceparent, tracestate)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb), CAST(?9 AS text), CAST(?10 AS text))""")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE)
                .setParameter(1, id)
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, type)
                .setParameter(5, source)
                .setParameter(6, subject)
                .setParameter(7, occurredAt)
                .setParameter(8, payload)
                .setParameter(9, trace.traceparent())
                .setParameter(10, trace.tracestate())
                .executeUpdate();
        written.fire(new Written(id, occurredAt, 1));
        return id;
    }
    /** Events collected to be added together: see {@link #addAll}. Not a bean; not thread-safe. */
    public static final class Batch {
        private final List<UUID> ids = new ArrayList<>();
        private final List<String> topics = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> subjects = new ArrayList<>();
        private final List<Object> data = new ArrayList<>();

        /** Collects one event (as {@link Outbox#add}); returns its event id. */
        public UUID add(String topic, String key, String type, String subject, Object payload) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            topics.add(topic);
            keys.add(key);
            types.add(type);
            subjects.add(subject);
            data.add(payload);
            return id;
        }

        public boolean isEmpty() {
            return ids.isEmpty();
        }
    }

    /**
     * Adds every event of {@code batch}, in order, in ONE statement (a scheduler pass writing a
     * thousand events would otherwise spend most of its time in single inserts), in the caller's
     * transaction. {@code occurredAt} is their CloudEvents time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(Batch batch, OffsetDateTime occurredAt) {
        if (batch.isEmpty()) {
            return;
        }
        Part part = part(batch, occurredAt, 1);
        NativeQuery<?> insert = em.createNativeQuery(part.insert()).unwrap(NativeQuery.class).addSynchronizedQuerySpace(TABLE);
        for (int i = 0; i < part.parameters().size(); i++) {
            insert.setParameter(1 + i, part.parameters().get(i));
        }
        insert.executeUpdate();
        written(batch, occurredAt);
    }

    /**
     * The INSERT of {@link #addAll} and its parameters, for a caller that writes the events in its own
     * data-modifying statement ({@link Part#cte}): one round trip for its rows and their events (issue 16: the
     * statements of a task's creation, each parsed, planned and executed apart, were most of its PostgreSQL
     * work). The caller runs it in the transaction of the change and then calls {@link #written} once.
     *
     * @param insert     {@code INSERT INTO outbox_event … SELECT … ORDER BY …}, its parameters numbered from
     *                   {@code first}: {@code ?first}, {@code ?first+1}, … (as many as {@code parameters})
     * @param parameters the values of those parameters, in order
     */
    public record Part(String insert, List<Object> parameters) {
        /**
         * The insert as a data-modifying CTE named {@code outbox}, for {@code WITH …, outbox AS (…) …}: the same
         * String instance at every call for the same insert (a caller may key a cache of whole statements by it).
         */
        public String cte() {
            return CTES.computeIfAbsent(insert, i -> "outbox AS (\n" + i + ")");
        }
    }

    /** The events of {@code batch} as a {@link Part} whose parameters are numbered from {@code first}. */
    public Part part(Batch batch, OffsetDateTime occurredAt, int first) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("no events");
        }
        List<String> payloads = new ArrayList<>(batch.data.size());
        for (int i = 0; i < batch.data.size(); i++) {
            try {
                payloads.add(json.writeValueAsString(batch.data.get(i)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event payload is not serialisable: " + batch.types.get(i), e);
            }
        }
        // arrays travel as text literals cast in SQL; unnest WITH ORDINALITY keeps the order (seq)
        StoredTrace trace = StoredTrace.current(otel);
        return new Part(numbered(INSERT_ALL, first), Arrays.asList(source, occurredAt,
                textArray(batch.ids.stream().map(UUID::toString).toList()), textArray(batch.topics),
                textArray(batch.keys), textArray(batch.types), textArray(batch.subjects), textArray(payloads),
                trace.traceparent(), trace.tracestate()));
    }

    /** Tells the relay (after the commit) that {@code batch}'s events were written: once per {@link Part} run. */
    public void written(Batch batch, OffsetDateTime occurredAt) {
        written.fire(new Written(batch.ids.get(0), occurredAt, batch.ids.size()));
    }

    private static final String INSERT_ALL = """
            INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload,
                                      traceparent, tracestate)
            SELECT x.id, x.topic, x.k, x.t, ?1, x.s, ?2, CAST(x.p AS jsonb), CAST(?9 AS text), CAST(?10 AS text)
            FROM unnest(CAST(?3 AS uuid[]), CAST(?4 AS text[]), CAST(?5 AS text[]), CAST(?6 AS text[]),
                        CAST(?7 AS text[]), CAST(?8 AS text[])) WITH ORDINALITY AS x (id, topic, k, t, s, p, n)
            ORDER BY x.n""";

    /** An ordinal parameter {@code ?n} of a native statement, {@code n} its group 1 (as {@link #numbered} renumbers them). */
    public static final Pattern ORDINAL = Pattern.compile("\\?(\\d+)");
    private static final ConcurrentMap<String, String> NUMBERED = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, String> CTES = new ConcurrentHashMap<>();

    /**
     * {@code sql} with its ordinal parameters {@code ?1, ?2, …} renumbered from {@code first} ({@code ?first, …}):
     * for a part of a statement that has other parameters before it. Cached: the statement's text is the same at
     * every call (so the driver's prepared statement is reused), and so is this work.
     */
    public static String numbered(String sql, int first) {
        if (first == 1) {
            return sql;
        }
        return NUMBERED.computeIfAbsent(first + "\u0000" + sql, k -> ORDINAL.matcher(sql)
                .replaceAll(m -> "?" + (Integer.parseInt(m.group(1)) + first - 1)));
    }

    /** A PostgreSQL array literal of texts (NULL for a null element). */
    static String textArray(List<String> xs) {
        return xs.stream().map(s -> s == null ? "NULL" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
