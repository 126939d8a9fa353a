package org.duban.task.calendar;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The working-day calendar of task-service: the table {@code calendar_day}, seeded once per year
 * from the shipped State Council data and edited by the supervisor, held in memory as an immutable
 * {@link WorkingDayCalendar}. The copy is reloaded after every edit commits and every
 * {@code duban.calendar.refresh} (so edits made on another replica arrive too).
 */
@ApplicationScoped
public class CalendarService implements WorkingDays {

    private static final Logger LOG = Logger.getLogger(CalendarService.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<Edited> edited;

    private volatile WorkingDayCalendar current;

    /** Fired when a day was edited; the copy is reloaded once the transaction committed. */
    public record Edited(LocalDate date) {
    }

    void onStart(@Observes StartupEvent e) {
        seed();
        reload();
    }

    /** Loads the shipped years that were never seeded; a year is seeded once, by one replica. */
    @Transactional
    public void seed() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (CalendarData.Year y : CalendarData.load().years()) {
            int claimed = em.createNativeQuery("""
                    INSERT INTO calendar_seeded_year (year, notice, seeded_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (year) DO NOTHING""")
                    .setParameter(1, y.year()).setParameter(2, y.notice()).setParameter(3, now)
                    .executeUpdate();
            if (claimed == 0) {
                continue;
            }
            List<CalendarData.Day> days = CalendarData.days(y);
            for (CalendarData.Day d : days) {
                em.createNativeQuery("""
                        INSERT INTO calendar_day (day, kind, name, source, updated_at) VALUES (?1, ?2, ?3, 'SEED', ?4)
                        ON CONFLICT (day) DO NOTHING""")
                        .setParameter(1, d.date()).setParameter(2, d.kind().name()).setParameter(3, d.name())
                        .setParameter(4, now).executeUpdate();
            }
            LOG.infof("calendar: seeded %d days of %d (%s)", days.size(), y.year(), y.notice());
        }
    }

    /** Re-reads the table into memory. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void reload() {
        Map<LocalDate, DayKind> m = new HashMap<>();
        for (CalendarDay d : CalendarDay.<CalendarDay>listAll()) {
            m.put(d.day, d.kind);
        }
        current = new WorkingDayCalendar(m);
    }

    void afterEdit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Edited e) {
        reload();
    }

    /** The in-memory calendar (loaded on first use if startup has not run yet). */
    public WorkingDayCalendar calendar() {
        WorkingDayCalendar c = current;
        if (c == null) {
            reload();
            c = current;
        }
        return c;
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return calendar().isWorkingDay(date);
    }

    @Override
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        return calendar().workingDaysBetween(from, to);
    }

    @Override
    public LocalDate addWorkingDays(LocalDate date, int n) {
        return calendar().addWorkingDays(date, n);
    }

    public LocalDate lastWorkingDayOnOrBefore(LocalDate date) {
        return calendar().lastWorkingDayOnOrBefore(date);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CalendarApi.YearView year(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        List<CalendarApi.DayView> days = CalendarDay.<CalendarDay>list("day >= ?1 and day < ?2 order by day",
                first, first.plusYears(1)).stream().map(CalendarApi.DayView::of).toList();
        int working = calendar().workingDaysBetween(first.minusDays(1), first.plusYears(1).minusDays(1));
        return new CalendarApi.YearView(year, working, days);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CalendarApi.DayView> day(LocalDate date) {
        return CalendarDay.<CalendarDay>findByIdOptional(date).map(CalendarApi.DayView::of);
    }

    /** Marks a date as a holiday or a working day; {@code ifMatch} (a version) guards against lost updates. */
    @Transactional
    public Result set(LocalDate date, CalendarApi.SetDay req, Long ifMatch) {
        CalendarDay d = CalendarDay.findById(date);
        boolean created = d == null;
        if (created) {
            if (ifMatch != null) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                        "The day " + date + " has no entry; it was deleted or never set");
            }
            d = new CalendarDay();
            d.day = date;
        } else if (ifMatch != null && ifMatch != d.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The day " + date + " is at version " + d.version + ", not " + ifMatch + ": read it again");
        }
        d.kind = req.kind();
        d.name = req.name().strip();
        d.reason = req.reason() == null || req.reason().isBlank() ? null : req.reason().strip();
        d.source = CalendarDay.Source.API;
        d.updatedAt = OffsetDateTime.now(clock);
        if (created) {
            d.persist();
        }
        em.flush();
        edited.fire(new Edited(date));
        return new Result(CalendarApi.DayView.of(d), created);
    }

    public record Result(CalendarApi.DayView day, boolean created) {
    }

    /** Removes a date's entry, so it follows the plain week again. False when there was none. */
    @Transactional
    public boolean delete(LocalDate date) {
        boolean deleted = CalendarDay.deleteById(date);
        if (deleted) {
            edited.fire(new Edited(date));
        }
        return deleted;
    }

    /** Reloads now and then, so edits made through another replica arrive here too. */
    @io.quarkus.scheduler.Scheduled(every = "${duban.calendar.refresh:60s}", delayed = "${duban.calendar.refresh:60s}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reload();
    }
}
