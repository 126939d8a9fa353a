package org.duban.task.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.reminder.PeriodicReminders;
import org.duban.task.reminder.ReminderConfig;
import org.duban.task.reminder.ReminderPlan;
import org.duban.task.task.AssignmentLifecycle;
import org.duban.task.task.NewTasks;
import org.duban.task.task.ReportCycle;
import org.duban.task.task.ReportCycles;
import org.duban.task.task.ReportStanding;
import org.duban.task.task.ReportStandings;
import org.duban.task.task.Task;
import org.duban.task.time.ClockProducer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What assignments owe under a reporting cycle ({@code report_due}, one row per assignment and period) and the
 * reminders of those reports (rows of the same {@code reminder} table, kinds REPORT_DUE and REPORT_OVERDUE, fired
 * by the same scheduler pass through the same outbox). Written set-based: one statement per cycle for any number
 * of assignments. Told of openings and calendar changes by the reminder batch ({@link PeriodicReminders}), of
 * reports by {@link AssignmentLifecycle.ProgressReported}; read by the task views ({@link ReportStandings}).
 */
@ApplicationScoped
public class ReportDues implements PeriodicReminders, ReportStandings {

    public static final String DUE = "REPORT_DUE";
    public static final String OVERDUE = "REPORT_OVERDUE";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WorkingDays workingDays;

    @Inject
    ReminderConfig config;

    @Inject
    CycleInForce cycles;

    @Inject
    NewTasks newTasks;

    /** An assignment under a cycle. */
    private record Owing(UUID assignmentId, UUID taskId, String unitCode) {
    }

    /**
     * Assignments that now owe their task: those of a task with a cycle (its own, else its plan's) owe every
     * period due today or later. Runs in the reminder batch (after the session's flush, flush mode COMMIT).
     */
    @Override
    public void opened(Collection<AssignmentLifecycle.Opened> opened) {
        if (opened.isEmpty()) {
            return;
        }
        // a task just created is in NewTasks, a published plan's tasks in the persistence context: no query
        Map<UUID, String> cycleOf = new HashMap<>();
        for (UUID taskId : opened.stream().map(AssignmentLifecycle.Opened::taskId).distinct().toList()) {
            Task t = newTasks.get(taskId); // created by this transaction's statement, not an entity of it
            if (t == null) {
                t = em.find(Task.class, taskId);
            }
            String json = t == null ? null : cycles.json(t);
            if (json != null) {
                cycleOf.put(taskId, json);
            }
        }
        if (cycleOf.isEmpty()) {
            return;
        }
        Map<String, Map<UUID, Owing>> byCycle = new LinkedHashMap<>();
        for (AssignmentLifecycle.Opened e : opened) {
            String cycle = cycleOf.get(e.taskId());
            if (cycle != null) {
                byCycle.computeIfAbsent(cycle, c -> new LinkedHashMap<>())
                        .put(e.assignmentId(), new Owing(e.assignmentId(), e.taskId(), e.unitCode()));
            }
        }
        LocalDate today = today();
        byCycle.forEach((json, owing) -> {
            List<ReportPeriods.Period> periods = ReportPeriods.of(ReportCycles.fromJson(json), workingDays).stream()
                    .filter(p -> !p.due().isBefore(today)).toList();
            upsert(owing.values(), periods);
            replanReminders(owing.keySet(), ReportCycles.fromJson(json), periods, "reopened", workingDays);
        });
    }

    private void upsert(Collection<Owing> owing, List<ReportPeriods.Period> periods) {
        if (periods.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                INSERT INTO report_due (assignment_id, seq, task_id, unit_code, period_key, period_label, period_start,
                                        period_end, due_on, opens_on, late_until)
                SELECT a.a, p.seq, a.t, a.u, p.k, p.l, p.s, p.e, p.d, p.o, p.lu
                FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS text[])) AS a (a, t, u)
                CROSS JOIN unnest(CAST(?4 AS int[]), CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS date[]),
                                  CAST(?8 AS date[]), CAST(?9 AS date[]), CAST(?10 AS date[]), CAST(?11 AS date[]))
                     AS p (seq, k, l, s, e, d, o, lu)
                ON CONFLICT (assignment_id, seq) DO UPDATE SET task_id = EXCLUDED.task_id, unit_code = EXCLUDED.unit_code,
                    period_key = EXCLUDED.period_key, period_label = EXCLUDED.period_label,
                    period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, due_on = EXCLUDED.due_on,
                    opens_on = EXCLUDED.opens_on, late_until = EXCLUDED.late_until""")
                .setParameter(1, uuidArray(owing.stream().map(Owing::assignmentId).toList()))
                .setParameter(2, uuidArray(owing.stream().map(Owing::taskId).toList()))
                .setParameter(3, textArray(owing.stream().map(Owing::unitCode).toList()))
                .setParameter(4, array(periods.stream().map(p -> Integer.toString(p.seq())).toList()))
                .setParameter(5, textArray(periods.stream().map(ReportPeriods.Period::key).toList()))
                .setParameter(6, textArray(periods.stream().map(ReportPeriods.Period::label).toList()))
                .setParameter(7, dateArray(periods.stream().map(ReportPeriods.Period::start).toList()))
                .setParameter(8, dateArray(periods.stream().map(ReportPeriods.Period::end).toList()))
                .setParameter(9, dateArray(periods.stream().map(ReportPeriods.Period::due).toList()))
                .setParameter(10, dateArray(periods.stream().map(ReportPeriods.Period::opens).toList()))
                .setParameter(11, dateArray(periods.stream().map(ReportPeriods.Period::lateUntil).toList()))
                .executeUpdate();
    }

    /** The reminder slots of the periods from now on: one REPORT_DUE before, one REPORT_OVERDUE after each due date. */
    List<Slot> slots(ReportCycle cycle, List<ReportPeriods.Period> periods, Instant now, WorkingDays wd) {
        List<Slot> slots = new ArrayList<>();
        int r = cycle.remindDays();
        for (ReportPeriods.Period p : periods) {
            if (r > 0) {
                LocalDate day = ReminderPlan.approachingDay(p.due(), r, wd);
                Instant at = ReminderPlan.at(day, config.timeOfDay());
                if (!at.isBefore(now)) {
                    slots.add(new Slot(p.seq(), DUE, r, at));
                }
            }
            LocalDate after = wd.addWorkingDays(p.due(), 1);
            Instant at = ReminderPlan.at(after, config.timeOfDay());
            if (!at.isBefore(now)) {
                slots.add(new Slot(p.seq(), OVERDUE, 1, at));
            }
        }
        return slots;
    }

    record Slot(int seq, String kind, int threshold, Instant dueAt) {
    }

    /** Cancels the assignments' pending report reminders and creates those of their unreported periods from now on. */
    private void replanReminders(Collection<UUID> assignmentIds, ReportCycle cycle, List<ReportPeriods.Period> periods,
                                 String reason, WorkingDays wd) {
        List<Slot> slots = slots(cycle, periods, clock.instant(), wd);
        em.createNativeQuery("""
                WITH cancelled AS (UPDATE reminder SET state = 'CANCELLED', cancelled_at = ?1, cancel_reason = ?2
                                   WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?3 AS uuid[]))))
                                     AND state = 'PENDING' AND kind IN ('REPORT_DUE', 'REPORT_OVERDUE'))
                INSERT INTO reminder (assignment_id, task_id, unit_code, kind, threshold, deadline, due_at, state,
                                      created_at, period_seq)
                SELECT d.assignment_id, d.task_id, d.unit_code, x.kind, x.threshold, d.due_on, x.due_at, 'PENDING', ?1, d.seq
                FROM report_due d
                JOIN unnest(CAST(?4 AS int[]), CAST(?5 AS text[]), CAST(?6 AS int[]), CAST(?7 AS timestamptz[]))
                     AS x (seq, kind, threshold, due_at) ON x.seq = d.seq
                WHERE d.assignment_id = ANY(ARRAY(SELECT unnest(CAST(?3 AS uuid[])))) AND d.reported_on IS NULL""")
                .setParameter(1, now()).setParameter(2, reason).setParameter(3, uuidArray(assignmentIds))
                .setParameter(4, array(slots.stream().map(s -> Integer.toString(s.seq())).toList()))
                .setParameter(5, textArray(slots.stream().map(Slot::kind).toList()))
                .setParameter(6, array(slots.stream().map(s -> Integer.toString(s.threshold())).toList()))
                .setParameter(7, array(slots.stream().map(s -> "\"" + s.dueAt() + "\"").toList()))
                .executeUpdate();
    }

    /**
     * A progress report was made: it fulfils the earliest unfulfilled period whose window holds its date (on time up
     * to the due date, late after), and that period's pending reminders are cancelled. Returns the period's seq, or
     * null when the report fulfils none (no cycle, or made before the next window opens).
     */
    void onReported(@Observes AssignmentLifecycle.ProgressReported e) {
        reported(e.assignmentId(), e.reportId(), e.reportedAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Integer reported(UUID assignmentId, UUID reportId, OffsetDateTime at) {
        LocalDate on = at.atZoneSameInstant(ClockProducer.ZONE).toLocalDate();
        @SuppressWarnings("unchecked")
        List<Object> filled = em.createNativeQuery("""
                UPDATE report_due d SET report_id = ?3, reported_on = ?2
                WHERE d.assignment_id = ?1 AND d.seq = (SELECT seq FROM report_due WHERE assignment_id = ?1
                    AND reported_on IS NULL AND opens_on <= ?2 AND (late_until IS NULL OR late_until >= ?2)
                    ORDER BY seq LIMIT 1)
                RETURNING d.seq""")
                .setParameter(1, assignmentId).setParameter(2, on).setParameter(3, reportId).getResultList();
        if (filled.isEmpty()) {
            return null;
        }
        int seq = ((Number) filled.get(0)).intValue();
        em.createNativeQuery("""
                UPDATE reminder SET state = 'CANCELLED', cancelled_at = ?1, cancel_reason = 'reported'
                WHERE assignment_id = ?2 AND state = 'PENDING' AND period_seq = ?3""")
                .setParameter(1, now()).setParameter(2, assignmentId).setParameter(3, seq).executeUpdate();
        return seq;
    }

    /**
     * Days from {@code from} on changed in the calendar: the due dates of the open assignments' unreported periods are
     * computed again on the new calendar ({@code after}); where one moved, the period's window and its pending
     * reminders follow. Returns the number of assignments re-planned.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int calendarChanged(LocalDate from, WorkingDays after) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT d.assignment_id, d.task_id, d.unit_code, CAST(COALESCE(t.report_cycle, p.report_cycle) AS text)
                FROM report_due d
                JOIN reminder_schedule s ON s.assignment_id = d.assignment_id AND s.open
                JOIN task t ON t.id = d.task_id LEFT JOIN plan p ON p.id = t.plan_id
                WHERE d.reported_on IS NULL AND d.period_end >= ?1 AND COALESCE(t.report_cycle, p.report_cycle) IS NOT NULL""")
                .setParameter(1, from.minusDays(62)) // a moved due date stays within two months of its period
                .getResultList();
        Map<String, List<UUID>> byCycle = new LinkedHashMap<>();
        for (Object[] r : rows) {
            byCycle.computeIfAbsent((String) r[3], c -> new ArrayList<>()).add((UUID) r[0]);
        }
        int replanned = 0;
        LocalDate today = today();
        for (Map.Entry<String, List<UUID>> e : byCycle.entrySet()) {
            ReportCycle cycle = ReportCycles.fromJson(e.getKey());
            List<ReportPeriods.Period> periods = ReportPeriods.of(cycle, after);
            int changed = em.createNativeQuery("""
                    UPDATE report_due d SET due_on = p.d, opens_on = p.o, late_until = p.lu
                    FROM unnest(CAST(?2 AS int[]), CAST(?3 AS date[]), CAST(?4 AS date[]), CAST(?5 AS date[])) AS p (seq, d, o, lu)
                    WHERE d.assignment_id = ANY(ARRAY(SELECT unnest(CAST(?1 AS uuid[])))) AND d.seq = p.seq
                      AND (d.due_on, d.opens_on, d.late_until) IS DISTINCT FROM (p.d, p.o, p.lu)""")
                    .setParameter(1, uuidArray(e.getValue()))
                    .setParameter(2, array(periods.stream().map(p -> Integer.toString(p.seq())).toList()))
                    .setParameter(3, dateArray(periods.stream().map(ReportPeriods.Period::due).toList()))
                    .setParameter(4, dateArray(periods.stream().map(ReportPeriods.Period::opens).toList()))
                    .setParameter(5, dateArray(periods.stream().map(ReportPeriods.Period::lateUntil).toList()))
                    .executeUpdate();
            if (changed > 0) {
                replanReminders(e.getValue(), cycle, periods.stream().filter(p -> !p.due().isBefore(today)).toList(),
                        "calendar changed", after);
                replanned += e.getValue().size();
            }
        }
        return replanned;
    }

    // --- reading -----------------------------------------------------------------------------------

    /** One period of one assignment, as stored. */
    public record Row(UUID assignmentId, int seq, String periodKey, String periodLabel, LocalDate dueOn,
                      LocalDate reportedOn, LocalDate lateUntil) {
        public ReportPeriods.Status status(LocalDate today) {
            return ReportPeriods.Status.of(dueOn, reportedOn, today);
        }
    }

    /** The periods of the assignments, by assignment, in order. */
    public Map<UUID, List<Row>> rows(Collection<UUID> assignmentIds) {
        Map<UUID, List<Row>> out = new HashMap<>();
        if (assignmentIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT assignment_id, seq, period_key, period_label, due_on, reported_on, late_until FROM report_due
                WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?1 AS uuid[])))) ORDER BY assignment_id, seq""")
                .setParameter(1, uuidArray(assignmentIds)).getResultList();
        for (Object[] r : rows) {
            Row row = new Row((UUID) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], date(r[4]),
                    date(r[5]), date(r[6]));
            out.computeIfAbsent(row.assignmentId(), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    @Override
    public ReportCycle inForce(Task t) {
        return cycles.inForce(t);
    }

    @Override
    public Map<UUID, ReportStanding> standings(Collection<UUID> assignmentIds) {
        LocalDate today = today();
        Map<UUID, ReportStanding> out = new HashMap<>();
        rows(assignmentIds).forEach((id, rs) -> out.put(id, standing(rs, today)));
        return out;
    }

    public static ReportStanding standing(List<Row> rows, LocalDate today) {
        Row last = null;
        Row next = null;
        for (Row r : rows) {
            if (r.dueOn().isBefore(today)) {
                last = r;
            } else if (next == null && r.reportedOn() == null) {
                next = r;
            }
        }
        return new ReportStanding(last == null ? null : last.dueOn(), last == null ? null : last.reportedOn(),
                next == null ? null : next.dueOn());
    }

    // --- helpers -------------------------------------------------------------------------------------

    private LocalDate today() {
        return clock.instant().atZone(ClockProducer.ZONE).toLocalDate();
    }

    private OffsetDateTime now() {
        return clock.instant().atZone(ClockProducer.ZONE).toOffsetDateTime();
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    static String array(Collection<String> xs) {
        return xs.stream().collect(Collectors.joining(",", "{", "}"));
    }

    static String dateArray(Collection<LocalDate> xs) {
        return xs.stream().map(d -> d == null ? "NULL" : d.toString()).collect(Collectors.joining(",", "{", "}"));
    }

    static String textArray(Collection<String> xs) {
        return xs.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
