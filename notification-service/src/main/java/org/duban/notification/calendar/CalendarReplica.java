package org.duban.notification.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.duban.common.calendar.DayKind;
import org.duban.common.calendar.WorkingDayCalendar;
import org.duban.common.calendar.DelegatingWorkingDays;
import org.duban.events.calendar.CalendarYear;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * notification-service's working-day calendar (issue 18): common's {@link WorkingDayCalendar} fed with the
 * replica of task-service's calendar ({@code calendar_replica_year}, kept from duban.calendar by
 * {@link CalendarReplicaConsumer}), so digests and working-day counts skip 国庆 and count a 调休 Saturday
 * exactly as task-service does. A year the replica does not hold is counted on the plain week (Monday to
 * Friday): {@link CalendarReplicaCheck} warns while the current (from 1 December the next) year is missing.
 * Held in memory; reloaded when a snapshot is applied here and every {@code duban.notification.calendar.refresh}
 * (another replica of this service may be the one that consumed it).
 */
@ApplicationScoped
public class CalendarReplica implements DelegatingWorkingDays {

    private static final Logger LOG = Logger.getLogger(CalendarReplica.class);
    private static final TypeReference<List<CalendarYear.Day>> DAYS = new TypeReference<>() {
    };

    /** The calendar and the years it knows, swapped as one. */
    record State(WorkingDayCalendar calendar, SortedSet<Integer> coveredYears, SortedSet<Integer> years) {
    }

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    private volatile State state = new State(WorkingDayCalendar.plainWeek(), Collections.emptySortedSet(),
            Collections.emptySortedSet());

    void onStart(@Observes StartupEvent e) {
        try {
            reload();
        } catch (RuntimeException ex) {
            // the database may be late: the plain week until the next refresh, and the health check says so
            LOG.warnf("calendar replica not loaded at start (%s); counting on the plain week until it is", ex.getMessage());
        }
    }

    @Scheduled(every = "${duban.notification.calendar.refresh:60s}", delayed = "${duban.notification.calendar.refresh:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            reload();
        } catch (RuntimeException ex) {
            LOG.warnf("calendar replica not reloaded (%s); the previous copy stays", ex.getMessage());
        }
    }

    /** Re-reads the replica table into memory (a few rows: one per year). */
    public void reload() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "SELECT year, covered, CAST(days AS text) FROM calendar_replica_year", Object[].class).getResultList());
        Map<LocalDate, DayKind> exceptions = new HashMap<>();
        SortedSet<Integer> covered = new TreeSet<>();
        SortedSet<Integer> years = new TreeSet<>();
        for (Object[] r : rows) {
            int year = ((Number) r[0]).intValue();
            years.add(year);
            if (Boolean.TRUE.equals(r[1])) {
                covered.add(year);
            }
            for (CalendarYear.Day d : days((String) r[2])) {
                exceptions.put(d.date(), DayKind.valueOf(d.kind().name()));
            }
        }
        state = new State(new WorkingDayCalendar(exceptions), Collections.unmodifiableSortedSet(covered),
                Collections.unmodifiableSortedSet(years));
    }

    private List<CalendarYear.Day> days(String text) {
        try {
            return json.readValue(text, DAYS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The years whose snapshot says their holidays are entered. */
    public SortedSet<Integer> coveredYears() {
        return state.coveredYears();
    }

    /** Every year the replica holds a snapshot of. */
    public SortedSet<Integer> years() {
        return state.years();
    }

    /** The calendar as loaded now. */
    public WorkingDayCalendar calendar() {
        return state.calendar();
    }
}
