package org.duban.notification.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.Poison;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.time.DateRange;
import org.duban.events.calendar.CalendarYear;
import org.duban.notification.parking.Consumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.duban.notification.parking.ParkedEventApplier;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps {@code calendar_replica_year} in step with task-service's calendar on duban.calendar (issue 18):
 * one snapshot per year ({@link CalendarYear}). A snapshot replaces the year's row only when its version
 * is above the row's, in one statement, so a replay, a duplicate or an older copy changes nothing (the
 * version is the idempotence key, as for the unit replica: no processed_event row needed). Like the other
 * consumers it never stops (issue 13): retried in place while the database is away, parked when the
 * snapshot cannot be applied (not a CloudEvent, not a year, a day outside its year). Once applied, the
 * in-memory calendar ({@link CalendarReplica}) is reloaded.
 */
@ApplicationScoped
public class CalendarReplicaConsumer {

    /** The consumer's name, as parked records and the logs show it. */
    static final String CONSUMER = "notification-calendar-replica";
    /** The most days a year's snapshot may list: every day of a leap year. */
    static final int MAX_DAYS = 366;

    private static final Logger LOG = Logger.getLogger(CalendarReplicaConsumer.class);

    @Inject
    ObjectMapper json;

    @Inject
    Session session;

    @Inject
    Clock clock;

    @Inject
    Consumption consumption;

    @Inject
    CalendarReplica replica;

    @Incoming("calendar")
    @Blocking
    public void onYear(ConsumerRecord<String, String> record) {
        boolean[] changed = {false};
        if (consumption.consume(CONSUMER, record, () -> changed[0] = applyInTransaction(record))) {
            if (changed[0]) {
                replica.reload();
            }
        }
    }

    /** Re-drives parked calendar snapshots. */
    @Produces
    @ApplicationScoped
    @Unremovable
    ParkedEventApplier calendarApplier() {
        return new ParkedEventApplier() {
            @Override
            public String consumer() {
                return CONSUMER;
            }

            @Override
            public void apply(ConsumerRecord<String, String> record, Runnable alsoInTransaction) {
                Snapshot s = read(record);
                boolean changed = QuarkusTransaction.requiringNew().call(() -> {
                    boolean c = s != null && store(s);
                    if (alsoInTransaction != null) {
                        alsoInTransaction.run();
                    }
                    return c;
                });
                if (changed) {
                    replica.reload();
                }
            }
        };
    }

    private boolean applyInTransaction(ConsumerRecord<String, String> record) {
        Snapshot s = read(record);
        return s != null && QuarkusTransaction.requiringNew().call(() -> store(s));
    }

    /**
     * The snapshot, or null for another event type on the topic (logged, passed over).
     * @throws Poison when the record is not a readable, consistent year of the calendar
     */
    Snapshot read(ConsumerRecord<String, String> record) {
        IncomingEvent event;
        try {
            event = IncomingEvent.of(record);
        } catch (IllegalArgumentException e) {
            throw new Poison(Poison.UNREADABLE, e.getMessage());
        }
        if (!CalendarYear.TYPE.equals(event.type())) {
            LOG.infof("skipping %s-%d@%d: type %s is not %s", record.topic(), record.partition(), record.offset(),
                    event.type(), CalendarYear.TYPE);
            return null;
        }
        if (event.data() == null) {
            throw new Poison(Poison.UNREADABLE, "calendar snapshot without data");
        }
        CalendarYear year;
        try {
            year = json.readValue(event.data(), CalendarYear.class);
        } catch (JsonProcessingException e) {
            throw new Poison(Poison.UNREADABLE, "calendar snapshot is not readable: " + e.getOriginalMessage());
        }
        check(year, record.key());
        return new Snapshot(event.id(), year);
    }

    /** A year's snapshot and the id of the event that carried it. */
    record Snapshot(String eventId, CalendarYear year) {
    }

    /** Whether the snapshot is one year of a calendar: the consumer's door check (pure). */
    static void check(CalendarYear y, String key) {
        if (!DateRange.containsYear(y.year())) {
            throw new Poison(Poison.DATE_OUT_OF_RANGE, "year " + y.year() + " is outside " + DateRange.FIRST.getYear()
                    + ".." + DateRange.LAST.getYear());
        }
        if (key != null && !key.equals(Integer.toString(y.year()))) {
            throw new Poison(Poison.INVALID, "record key " + key + " is not the snapshot's year " + y.year());
        }
        if (y.version() < 1) {
            throw new Poison(Poison.INVALID, "version " + y.version() + " is not a snapshot version (1, 2, …)");
        }
        if (y.days().size() > MAX_DAYS) {
            throw new Poison(Poison.INVALID, y.days().size() + " days listed; a year has at most " + MAX_DAYS);
        }
        Set<LocalDate> seen = new HashSet<>();
        for (CalendarYear.Day d : y.days()) {
            if (d == null || d.date() == null || d.kind() == null || d.name() == null) {
                throw new Poison(Poison.INVALID, "a day without date, kind or name");
            }
            if (d.date().getYear() != y.year()) {
                throw new Poison(Poison.INVALID, "day " + d.date() + " is not in " + y.year());
            }
            if (!seen.add(d.date())) {
                throw new Poison(Poison.INVALID, "day " + d.date() + " is listed twice");
            }
        }
    }

    /** Replaces the year's row when the snapshot is newer; true when it did. */
    boolean store(Snapshot s) {
        CalendarYear y = s.year();
        String days;
        try {
            days = json.writeValueAsString(y.days());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int n = session.createNativeMutationQuery("""
                INSERT INTO calendar_replica_year (year, covered, version, days, event_id, updated_at)
                VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, ?6)
                ON CONFLICT (year) DO UPDATE SET covered = EXCLUDED.covered, version = EXCLUDED.version,
                    days = EXCLUDED.days, event_id = EXCLUDED.event_id, updated_at = EXCLUDED.updated_at
                WHERE calendar_replica_year.version < EXCLUDED.version""")
                .setParameter(1, y.year(), Integer.class)
                .setParameter(2, y.covered(), Boolean.class)
                .setParameter(3, y.version(), Long.class)
                .setParameter(4, days, String.class)
                .setParameter(5, s.eventId(), String.class)
                .setParameter(6, now, OffsetDateTime.class)
                .executeUpdate();
        if (n > 0) {
            LOG.infof("calendar replica: %d at version %d (%d days, %s)", y.year(), y.version(), y.days().size(),
                    y.covered() ? "covered" : "not covered");
        }
        return n > 0;
    }
}
