package org.duban.task.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.messaging.Topics;
import org.duban.common.outbox.Outbox;
import org.duban.events.calendar.CalendarYear;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the calendar on duban.calendar (issue 18): one snapshot per year (key = the year), written to
 * the outbox in the transaction that changed the year, so the snapshot exists if and only if the change
 * was committed. The edits (a PUT or DELETE of a day, a confirmed notice) publish every year between the
 * first and the last day they changed; the start publishes the years seeded now and, once, every year the
 * table holds that was never published. Each snapshot carries the year's next version
 * ({@code calendar_published_year}); the callers hold the calendar's edit lock, so versions follow the
 * order of the changes.
 */
@ApplicationScoped
public class CalendarPublisher {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** In the edit's transaction, after its rows were flushed. */
    void onEdit(@Observes CalendarService.Edited e) {
        for (int year = e.from().getYear(); year <= e.to().getYear(); year++) {
            publish(year);
        }
    }

    /** Writes the year's snapshot, as the table holds it in this transaction, with its next version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CalendarYear publish(int year) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.createNativeQuery("""
                INSERT INTO calendar_published_year (year, version, published_at) VALUES (?1, 1, ?2)
                ON CONFLICT (year) DO UPDATE SET version = calendar_published_year.version + 1,
                                                 published_at = EXCLUDED.published_at""")
                .setParameter(1, year).setParameter(2, now).executeUpdate();
        long version = ((Number) em.createNativeQuery("SELECT version FROM calendar_published_year WHERE year = ?1")
                .setParameter(1, year).getSingleResult()).longValue();
        CalendarYear snapshot = snapshot(year, version);
        outbox.add(Topics.CALENDAR, Integer.toString(year), CalendarYear.TYPE, Integer.toString(year), snapshot);
        return snapshot;
    }

    /** Publishes every year with entries or seeded data that was never published; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int publishUnpublished() {
        @SuppressWarnings("unchecked")
        List<Number> years = em.createNativeQuery("""
                SELECT y FROM (SELECT CAST(EXTRACT(YEAR FROM day) AS INT) AS y FROM calendar_day
                               UNION SELECT year FROM calendar_seeded_year) x
                WHERE y NOT IN (SELECT year FROM calendar_published_year)
                ORDER BY y""").getResultList();
        years.forEach(y -> publish(y.intValue()));
        return years.size();
    }

    /** The year's entries: covered when at least one is a holiday (as CalendarCoverage counts it). */
    CalendarYear snapshot(int year, long version) {
        LocalDate first = LocalDate.of(year, 1, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT day, kind, name FROM calendar_day WHERE day >= ?1 AND day < ?2 ORDER BY day")
                .setParameter(1, first).setParameter(2, first.plusYears(1)).getResultList();
        List<CalendarYear.Day> days = new ArrayList<>(rows.size());
        boolean covered = false;
        for (Object[] r : rows) {
            LocalDate day = r[0] instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) r[0];
            CalendarYear.Kind kind = CalendarYear.Kind.valueOf((String) r[1]);
            covered |= kind == CalendarYear.Kind.HOLIDAY;
            days.add(new CalendarYear.Day(day, kind, (String) r[2]));
        }
        return new CalendarYear(year, covered, version, days);
    }
}
