package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import org.duban.common.calendar.DelegatingWorkingDays;
import org.duban.common.calendar.WorkingDayCalendar;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.messaging.Topics;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The working-day calendar of task-service: the table {@code calendar_day}, seeded once per year
 * from the shipped State Council data and edited by the supervisor, held in memory as an immutable
 * {@link WorkingDayCalendar}. The copy is reloaded after every edit commits and every
 * {@code duban.calendar.refresh} (so edits made on another replica arrive too). Every change is
 * published on duban.calendar in its transaction ({@link CalendarPublisher}): notification-service's
 * replica counts on the same days.
 */
@ApplicationScoped
public class CalendarService implements DelegatingWorkingDays {

    private static final Logger LOG = Logger.getLogger(CalendarService.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<Edited> edited;

    @Inject
    CalendarPublisher publisher;

    private volatile WorkingDayCalendar current;

    /**
     * Fired inside the transaction that changed days between {@code from} and {@code to} (a PUT, a
     * DELETE, a confirmed notice): {@code before} and {@code after} are the whole calendar without
     * and with the change, so observers in the same transaction (the reminders, which plan again on
     * {@code after}) do not wait for the in-memory copy, which is reloaded once the transaction
     * committed. Observers add the assignments whose reminders they planned again to {@code replanned}.
     */
    public record Edited(LocalDate from, LocalDate to, WorkingDayCalendar before, WorkingDayCalendar after,
                         AtomicInteger replanned) {
    }

    /** Serializes edits of the calendar (pg_advisory_xact_lock key), so two confirmations never interleave. */
    static final long EDIT_LOCK = 0x6475_6261_6e43_616cL; // "dubanCal"

    void onStart(@Observes StartupEvent e) {
        seed();
        reload();
    }

    /**
     * Loads the shipped years that were never seeded; a year is seeded once, by one replica. The years
     * seeded now are published on duban.calendar, and so is, once, every year never published before
     * ({@link CalendarPublisher}): a restart publishes nothing again.
     */
    @Transactional
    public void seed() {
        lock();
        OffsetDateTime now = OffsetDateTime.now(clock);
        java.util.SortedSet<Integer> seededYears = new java.util.TreeSet<>();
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
            seededYears.add(y.year());
            days.forEach(d -> seededYears.add(d.date().getYear()));
        }
        if (!seededYears.isEmpty()) {
            em.flush();
        }
        seededYears.forEach(publisher::publish);
        int published = publisher.publishUnpublished();
        if (!seededYears.isEmpty() || published > 0) {
            LOG.infof("calendar: %d year(s) published on %s (%s seeded now, %d never published before)",
                    seededYears.size() + published, Topics.CALENDAR, seededYears, published);
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
        lock();
        WorkingDayCalendar before = tableCalendar();
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
        edited.fire(new Edited(date, date, before, tableCalendar(), new AtomicInteger()));
        return new Result(CalendarApi.DayView.of(d), created);
    }

    public record Result(CalendarApi.DayView day, boolean created) {
    }

    /** Removes a date's entry, so it follows the plain week again. False when there was none. */
    @Transactional
    public boolean delete(LocalDate date) {
        lock();
        WorkingDayCalendar before = tableCalendar();
        boolean deleted = CalendarDay.deleteById(date);
        if (deleted) {
            em.flush();
            edited.fire(new Edited(date, date, before, tableCalendar(), new AtomicInteger()));
        }
        return deleted;
    }

    private void lock() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, EDIT_LOCK).getSingleResult();
    }

    /** The calendar as the table holds it in this transaction (a few hundred rows). */
    WorkingDayCalendar tableCalendar() {
        Map<LocalDate, DayKind> m = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT day, kind FROM calendar_day").getResultList();
        for (Object[] r : rows) {
            LocalDate day = r[0] instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) r[0];
            m.put(day, DayKind.valueOf((String) r[1]));
        }
        return new WorkingDayCalendar(m);
    }

    // --- the State Council's notice --------------------------------------------------------------

    /** Reads the notice; a text that is not one is a problem naming {@code text} and the line. */
    static HolidayNotice read(String text) {
        try {
            return HolidayNoticeParser.parse(text);
        } catch (HolidayNoticeParser.Invalid e) {
            List<org.duban.common.problem.Problem.FieldError> errors = e.problems().stream()
                    .map(p -> new org.duban.common.problem.Problem.FieldError("text", "line " + p.line() + ": " + p.message(),
                            p.fragment()))
                    .toList();
            if (e.tooLong()) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, e.problems().get(0).message(), errors);
            }
            throw new ProblemException(ProblemType.VALIDATION, "The text is not a holiday notice that can be read: "
                    + errors.size() + " problem(s), the first on line " + e.problems().get(0).line(), errors);
        }
    }

    /** The notice and what confirming it would change; writes nothing. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public NoticeApi.Preview previewNotice(String text) {
        HolidayNotice n = read(text);
        List<NoticeChanges.Change> changes = NoticeChanges.between(governed(n).values().stream().map(CalendarService::day).toList(), n);
        return new NoticeApi.Preview(n.year(), n.title(), n.festivals().stream().map(NoticeApi.FestivalView::of).toList(),
                n.days().stream().map(NoticeApi.DayView::of).toList(),
                changes.stream().map(NoticeApi.ChangeView::of).toList(), unchanged(n, changes));
    }

    /**
     * Makes the calendar hold exactly the notice's days for its year, in one transaction: days added,
     * changed and removed (entered as {@code source = API} with the notice's title as the reason), the
     * year marked as seeded (a later release shipping it never overwrites it), then the same
     * {@link Edited} event as a PUT, so pending reminders are planned again in this transaction and
     * every replica reloads. Confirming the notice the calendar already holds changes nothing.
     */
    @Transactional
    public NoticeApi.Confirmed confirmNotice(String text) {
        HolidayNotice n = read(text);
        lock();
        WorkingDayCalendar before = tableCalendar();
        Map<LocalDate, CalendarDay> rows = governed(n);
        List<NoticeChanges.Change> changes = NoticeChanges.between(rows.values().stream().map(CalendarService::day).toList(), n);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int added = 0;
        int changed = 0;
        int removed = 0;
        for (NoticeChanges.Change c : changes) {
            switch (c.kind()) {
                case ADDED -> {
                    CalendarDay d = new CalendarDay();
                    d.day = c.date();
                    fill(d, c.after(), n, now);
                    d.persist();
                    added++;
                }
                case CHANGED -> {
                    fill(rows.get(c.date()), c.after(), n, now);
                    changed++;
                }
                case REMOVED -> {
                    rows.get(c.date()).delete();
                    removed++;
                }
            }
        }
        em.createNativeQuery("""
                INSERT INTO calendar_seeded_year (year, notice, seeded_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (year) DO NOTHING""")
                .setParameter(1, n.year()).setParameter(2, n.title() + " (confirmed through the API)").setParameter(3, now)
                .executeUpdate();
        AtomicInteger replanned = new AtomicInteger();
        if (!changes.isEmpty()) {
            em.flush();
            LocalDate from = changes.get(0).date();
            LocalDate to = changes.get(changes.size() - 1).date();
            edited.fire(new Edited(from, to, before, tableCalendar(), replanned));
            LOG.infof("calendar: %s confirmed: %d added, %d changed, %d removed; reminders of %d assignments planned again",
                    n.title(), added, changed, removed, replanned.get());
        }
        return new NoticeApi.Confirmed(n.year(), n.title(), added, changed, removed, unchanged(n, changes), replanned.get(),
                changes.stream().map(NoticeApi.ChangeView::of).toList());
    }

    /** The entries the notice governs (its year's, the December 元旦 days of the year before) and those on its dates. */
    private Map<LocalDate, CalendarDay> governed(HolidayNotice n) {
        java.util.Set<LocalDate> dates = new java.util.HashSet<>();
        n.days().forEach(d -> dates.add(d.date()));
        Map<LocalDate, CalendarDay> out = new java.util.TreeMap<>();
        for (CalendarDay d : CalendarDay.<CalendarDay>list("day >= ?1 and day <= ?2",
                LocalDate.of(n.year() - 1, 1, 1), LocalDate.of(n.year(), 12, 31))) {
            if (dates.contains(d.day) || HolidayNotice.noticeYearOf(d.day, d.name) == n.year()) {
                out.put(d.day, d);
            }
        }
        return out;
    }

    private static HolidayNotice.Day day(CalendarDay d) {
        return new HolidayNotice.Day(d.day, d.kind, d.name);
    }

    private static void fill(CalendarDay d, HolidayNotice.Day day, HolidayNotice n, OffsetDateTime now) {
        d.kind = day.kind();
        d.name = day.name();
        d.reason = n.title();
        d.source = CalendarDay.Source.API;
        d.updatedAt = now;
    }

    private static int unchanged(HolidayNotice n, List<NoticeChanges.Change> changes) {
        return n.days().size() - (int) changes.stream().filter(c -> c.kind() != NoticeChanges.Kind.REMOVED).count();
    }

    /** Reloads now and then, so edits made through another replica arrive here too. */
    @io.quarkus.scheduler.Scheduled(every = "${duban.calendar.refresh:60s}", delayed = "${duban.calendar.refresh:60s}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reload();
    }
}
