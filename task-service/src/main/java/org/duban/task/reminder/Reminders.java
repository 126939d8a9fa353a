package org.duban.task.reminder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.Overdue;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskPart;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.duban.task.calendar.CalendarService;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.history.History;
import org.duban.task.task.AssignmentLifecycle;
import org.duban.task.task.NewAssignmentReminders;
import org.duban.task.task.TaskEvents;
import org.duban.task.time.ClockProducer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The reminder rows of assignments: created, rescheduled and cancelled in the transaction of the
 * assignment's change (by observing {@link AssignmentLifecycle}), and fired by {@link #runPass()}.
 * Every change is set-based (one statement for any number of rows), so rescheduling thousands of
 * reminders of one deadline change stays cheap.
 */
@ApplicationScoped
public class Reminders implements NewAssignmentReminders {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WorkingDays workingDays;

    @Inject
    Outbox outbox;

    @Inject
    ReminderConfig config;

    @Inject
    ReminderBatch batch;

    @Inject
    TransactionManager tm;

    @Inject
    Event<Fired> firedEvent;

    @Inject
    PeriodicReminders periodic;

    /** Reminders of a pass that became events; observed once the pass committed (ReminderScheduler's counter). */
    public record Fired(int count) {
    }

    // --- lifecycle ---------------------------------------------------------------------------------

    // The observers only queue the event; the queue of a transaction is applied, set-based and in
    // order, just before the transaction commits, so the rows commit with the change that caused
    // them and thousands of events cost a handful of statements. It runs as a Hibernate
    // before-completion callback: after the session's flush and BEFORE it releases its connection.
    // (A plain JTA synchronization ran after Hibernate's, so its statements took the connection
    // again and Agroal had to close it at commit: "Closing open connection(s) prior to commit",
    // once per created task.)

    void on(@Observes AssignmentLifecycle.Opened e) {
        enqueue(e);
    }

    void on(@Observes AssignmentLifecycle.DeadlineChanged e) {
        enqueue(e);
    }

    void on(@Observes AssignmentLifecycle.Closed e) {
        enqueue(e);
    }

    private void enqueue(Object event) {
        List<Object> events = batch.events();
        if (batch.firstEvent()) {
            requireTransaction();
            em.unwrap(SharedSessionContractImplementor.class).getTransactionCompletionCallbacks()
                    .registerCallback((TransactionCompletionCallbacks.BeforeCompletionCallback) session -> apply(events));
        }
        events.add(event);
    }

    /** Reminders must commit with the change: an event fired outside a transaction is a bug. */
    private void requireTransaction() {
        try {
            if (tm.getTransaction() == null) {
                throw new IllegalStateException("AssignmentLifecycle events must be fired inside a transaction");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies queued events in order, each run of alike events (same kind and values) as one set. It runs
     * after the session's flush and writes only the reminder tables, which no entity maps: its native
     * statements must not flush the session again (Hibernate flushes the whole session before a native
     * statement: every entity of the transaction checked once more, ~500 after a publish, for nothing).
     */
    void apply(List<Object> events) {
        FlushModeType mode = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            applyInOrder(events);
        } finally {
            em.setFlushMode(mode);
        }
    }

    private void applyInOrder(List<Object> events) {
        int i = 0;
        while (i < events.size()) {
            Object first = events.get(i);
            int j = i + 1;
            while (j < events.size() && alike(first, events.get(j))) {
                j++;
            }
            List<Object> run = events.subList(i, j);
            if (first instanceof Periodic n) {
                periodic.opened(n.opened());
            } else if (first instanceof AssignmentLifecycle.Opened) {
                List<AssignmentLifecycle.Opened> opens = run.stream().map(AssignmentLifecycle.Opened.class::cast).toList();
                opened(opens);
                periodic.opened(opens); // the periodic reports they owe, if their task has a cycle (issue 19)
            } else if (first instanceof AssignmentLifecycle.DeadlineChanged d) {
                deadlineChanged(run.stream().map(e -> ((AssignmentLifecycle.DeadlineChanged) e).assignmentId()).toList(), d.deadline());
            } else if (first instanceof AssignmentLifecycle.Closed c) {
                closed(run.stream().map(e -> ((AssignmentLifecycle.Closed) e).assignmentId()).toList(), c.reason());
            }
            i = j;
        }
        events.clear();
    }

    private static boolean alike(Object a, Object b) {
        if (a instanceof AssignmentLifecycle.Opened x && b instanceof AssignmentLifecycle.Opened y) {
            return Objects.equals(x.deadline(), y.deadline()) && Objects.equals(policy(x), policy(y));
        }
        if (a instanceof AssignmentLifecycle.DeadlineChanged x && b instanceof AssignmentLifecycle.DeadlineChanged y) {
            return Objects.equals(x.deadline(), y.deadline());
        }
        if (a instanceof AssignmentLifecycle.Closed x && b instanceof AssignmentLifecycle.Closed y) {
            return Objects.equals(x.reason(), y.reason());
        }
        return false;
    }

    private static AssignmentLifecycle.ReminderPolicy policy(AssignmentLifecycle.Opened e) {
        return e.policy() == null ? AssignmentLifecycle.ReminderPolicy.DEFAULT : e.policy();
    }

    /**
     * Assignments that now owe, all with the same deadline and policy: their schedules and reminders, in ONE
     * statement (the schedule rows upserted, any pending reminders of a reopened assignment cancelled, the
     * policy's reminders inserted from the upserted rows: a data-modifying CTE's rows are read through its
     * RETURNING, which is what {@link #replan} would read from the table after the upsert).
     */
    private void opened(List<AssignmentLifecycle.Opened> run) {
        Map<UUID, AssignmentLifecycle.Opened> last = new LinkedHashMap<>();
        run.forEach(e -> last.put(e.assignmentId(), e)); // one row per assignment in an upsert
        AssignmentLifecycle.Opened first = run.get(0);
        AssignmentLifecycle.ReminderPolicy p = policy(first);
        List<ReminderPlan.Slot> slots = ReminderPlan.plan(first.deadline(), new ArrayList<>(new TreeSet<>(p.daysBefore())),
                true, clock.instant(), workingDays, config.timeOfDay());
        em.createNativeQuery("""
                WITH s AS (
                    INSERT INTO reminder_schedule (assignment_id, task_id, unit_code, deadline, days_before, overdue_daily, open, updated_at)
                    SELECT x.a, x.t, x.u, ?4, CAST(?5 AS int[]), ?6, true, ?7
                    FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS text[])) AS x (a, t, u)
                    ON CONFLICT (assignment_id) DO UPDATE SET task_id = EXCLUDED.task_id, unit_code = EXCLUDED.unit_code,
                        deadline = EXCLUDED.deadline, days_before = EXCLUDED.days_before,
                        overdue_daily = EXCLUDED.overdue_daily, open = true, updated_at = EXCLUDED.updated_at
                    RETURNING assignment_id, task_id, unit_code, deadline, days_before, overdue_daily, open),
                cancelled AS (UPDATE reminder SET state = 'CANCELLED', cancelled_at = ?7, cancel_reason = 'reopened'
                              WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?1 AS uuid[])))) AND state = 'PENDING')
                INSERT INTO reminder (assignment_id, task_id, unit_code, kind, threshold, deadline, due_at, state, created_at)
                SELECT s.assignment_id, s.task_id, s.unit_code, x.kind, x.threshold, s.deadline, x.due_at, 'PENDING', ?7
                FROM s
                JOIN unnest(CAST(?8 AS text[]), CAST(?9 AS int[]), CAST(?10 AS timestamptz[])) AS x (kind, threshold, due_at)
                  ON (x.kind = 'APPROACHING' AND x.threshold = ANY (s.days_before)) OR (x.kind = 'OVERDUE' AND s.overdue_daily)
                WHERE s.open AND s.deadline IS NOT NULL""")
                .setParameter(1, uuidArray(last.keySet()))
                .setParameter(2, uuidArray(last.values().stream().map(AssignmentLifecycle.Opened::taskId).toList()))
                .setParameter(3, textArray(last.values().stream().map(AssignmentLifecycle.Opened::unitCode).toList()))
                .setParameter(4, first.deadline()).setParameter(5, intArray(p.daysBefore()))
                .setParameter(6, p.overdueDaily()).setParameter(7, now())
                .setParameter(8, "{" + slots.stream().map(x -> x.kind().name()).collect(Collectors.joining(",")) + "}")
                .setParameter(9, intArray(slots.stream().map(ReminderPlan.Slot::threshold).toList()))
                .setParameter(10, "{" + slots.stream().map(x -> "\"" + x.dueAt() + "\"").collect(Collectors.joining(",")) + "}")
                .executeUpdate();
    }

    /** New assignments whose schedules and reminders {@link #part} wrote: the periodic reports they owe, at commit. */
    private record Periodic(List<AssignmentLifecycle.Opened> opened) {
    }

    /**
     * New assignments ({@link org.duban.task.task.TaskService#openNew}: ids no row has yet) that now owe, any deadlines
     * and policies: their schedules and their reminders as two CTEs of the write's one statement, what
     * {@link #opened} writes in a statement of its own at commit (no upsert and no cancelling needed: nothing of
     * theirs exists). The periodic reports they owe are still applied at commit, in the queue's order.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public History.Before part(List<AssignmentLifecycle.Opened> opened) {
        Map<UUID, AssignmentLifecycle.Opened> last = new LinkedHashMap<>();
        opened.forEach(e -> last.put(e.assignmentId(), e)); // one schedule per assignment, as the upsert had it
        record Plan(LocalDate deadline, AssignmentLifecycle.ReminderPolicy policy) {
        }
        Map<Plan, List<ReminderPlan.Slot>> plans = new HashMap<>();
        Instant now = clock.instant();
        List<String> a = new ArrayList<>(), t = new ArrayList<>(), u = new ArrayList<>(), d = new ArrayList<>(),
                days = new ArrayList<>(), overdue = new ArrayList<>();
        List<String> ra = new ArrayList<>(), kind = new ArrayList<>(), threshold = new ArrayList<>(), due = new ArrayList<>();
        for (AssignmentLifecycle.Opened e : last.values()) {
            AssignmentLifecycle.ReminderPolicy p = policy(e);
            a.add(e.assignmentId().toString());
            t.add(e.taskId().toString());
            u.add(e.unitCode());
            d.add(e.deadline() == null ? null : e.deadline().toString());
            days.add(intArray(p.daysBefore()));
            overdue.add(Boolean.toString(p.overdueDaily()));
            for (ReminderPlan.Slot slot : plans.computeIfAbsent(new Plan(e.deadline(), p), k -> ReminderPlan.plan(k.deadline(),
                    new ArrayList<>(new TreeSet<>(k.policy().daysBefore())), k.policy().overdueDaily(), now, workingDays,
                    config.timeOfDay()))) {
                ra.add(e.assignmentId().toString());
                kind.add(slot.kind().name());
                threshold.add(Integer.toString(slot.threshold()));
                due.add(slot.dueAt().toString());
            }
        }
        enqueue(new Periodic(List.copyOf(last.values())));
        return new History.Before("""
                new_schedule AS (
                    INSERT INTO reminder_schedule (assignment_id, task_id, unit_code, deadline, days_before, overdue_daily, open, updated_at)
                    SELECT x.a, x.t, x.u, x.d, CAST(x.db AS int[]), x.o, true, ?7
                    FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS text[]), CAST(?4 AS date[]),
                                CAST(?5 AS text[]), CAST(?6 AS boolean[])) AS x (a, t, u, d, db, o)
                    RETURNING assignment_id, task_id, unit_code, deadline),
                new_reminder AS (
                    INSERT INTO reminder (assignment_id, task_id, unit_code, kind, threshold, deadline, due_at, state, created_at)
                    SELECT s.assignment_id, s.task_id, s.unit_code, x.k, x.th, s.deadline, x.due, 'PENDING', ?7
                    FROM unnest(CAST(?8 AS uuid[]), CAST(?9 AS text[]), CAST(?10 AS int[]), CAST(?11 AS timestamptz[]))
                         AS x (a, k, th, due)
                    JOIN new_schedule s ON s.assignment_id = x.a)""",
                java.util.Arrays.asList(History.textArray(a), History.textArray(t), History.textArray(u), History.textArray(d),
                        History.textArray(days), History.textArray(overdue), now(), History.textArray(ra),
                        History.textArray(kind), History.textArray(threshold), History.textArray(due)));
    }

    /**
     * New deadline for open assignments: their pending reminders are cancelled and the policy's
     * future reminders created for the new date, in two statements whatever the number of rows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadlineChanged(Collection<UUID> assignmentIds, LocalDate deadline) {
        @SuppressWarnings("unchecked")
        List<Object> thresholds = em.createNativeQuery("""
                WITH s AS (UPDATE reminder_schedule SET deadline = ?1, updated_at = ?2
                           WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?3 AS uuid[])))) AND open RETURNING days_before)
                SELECT DISTINCT unnest(days_before) FROM s""")
                .setParameter(1, deadline).setParameter(2, now()).setParameter(3, uuidArray(assignmentIds))
                .getResultList();
        replan(assignmentIds, deadline,
                thresholds.stream().map(o -> ((Number) o).intValue()).collect(Collectors.toCollection(TreeSet::new)),
                "deadline changed");
    }

    /** The assignments owe nothing any more: their pending reminders are cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closed(Collection<UUID> assignmentIds, String reason) {
        em.createNativeQuery("""
                WITH s AS (UPDATE reminder_schedule SET open = false, updated_at = ?1
                           WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?2 AS uuid[])))))
                UPDATE reminder SET state = 'CANCELLED', cancelled_at = ?1, cancel_reason = ?3
                WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?2 AS uuid[])))) AND state = 'PENDING'""")
                .setParameter(1, now()).setParameter(2, uuidArray(assignmentIds))
                .setParameter(3, reason == null ? "closed" : "closed: " + reason)
                .executeUpdate();
    }

    // --- the calendar ----------------------------------------------------------------------------

    /**
     * Days between {@code e.from()} and {@code e.to()} changed (a PUT or DELETE of a day, a confirmed
     * holiday notice): in the same transaction, the open assignments whose reminders could count one
     * of them (deadline on or after {@code from}, or a pending reminder due from then on) are planned
     * again on the new calendar, one statement per deadline and policy — but only where the plan on
     * the new calendar differs from the plan on the old one, so pending rows that stay right are not
     * churned.
     */
    void on(@Observes CalendarService.Edited e) {
        e.replanned().addAndGet(calendarChanged(e.from(), e.before(), e.after()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int calendarChanged(LocalDate from, WorkingDays before, WorkingDays after) {
        OffsetDateTime fromStart = from.atStartOfDay(ClockProducer.ZONE).toOffsetDateTime();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.assignment_id, s.deadline, CAST(s.days_before AS text) FROM reminder_schedule s
                WHERE s.open AND s.deadline IS NOT NULL
                  AND (s.deadline >= ?1 OR EXISTS (SELECT 1 FROM reminder r WHERE r.assignment_id = s.assignment_id
                                                  AND r.state = 'PENDING' AND r.due_at >= ?2))""")
                .setParameter(1, from).setParameter(2, fromStart).getResultList();
        record Group(LocalDate deadline, String daysBefore) {
        }
        Map<Group, List<UUID>> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            groups.computeIfAbsent(new Group(date(r[1]), (String) r[2]), g -> new ArrayList<>()).add((UUID) r[0]);
        }
        Instant now = clock.instant();
        int replanned = 0;
        for (Map.Entry<Group, List<UUID>> g : groups.entrySet()) {
            LocalDate deadline = g.getKey().deadline();
            TreeSet<Integer> thresholds = new TreeSet<>();
            String list = g.getKey().daysBefore().replaceAll("[{}\\s]", "");
            if (!list.isEmpty()) {
                for (String x : list.split(",")) {
                    thresholds.add(Integer.parseInt(x));
                }
            }
            List<ReminderPlan.Slot> was = ReminderPlan.plan(deadline, new ArrayList<>(thresholds), true, now, before, config.timeOfDay());
            List<ReminderPlan.Slot> will = ReminderPlan.plan(deadline, new ArrayList<>(thresholds), true, now, after, config.timeOfDay());
            if (!was.equals(will)) {
                replan(g.getValue(), deadline, thresholds, "calendar changed", after);
                replanned += g.getValue().size();
            }
        }
        // the due dates of periodic reports move with the calendar too (issue 19)
        replanned += periodic.calendarChanged(from, after);
        return replanned;
    }

    /** Cancels the assignments' pending reminders and creates the future ones for the deadline, in one statement. */
    private void replan(Collection<UUID> ids, LocalDate deadline, Collection<Integer> thresholds, String reason) {
        replan(ids, deadline, thresholds, reason, workingDays);
    }

    private void replan(Collection<UUID> ids, LocalDate deadline, Collection<Integer> thresholds, String reason,
                        WorkingDays wd) {
        List<ReminderPlan.Slot> slots = ReminderPlan.plan(deadline, new ArrayList<>(thresholds), true, clock.instant(),
                wd, config.timeOfDay());
        em.createNativeQuery("""
                WITH cancelled AS (UPDATE reminder SET state = 'CANCELLED', cancelled_at = ?1, cancel_reason = ?2
                                   WHERE assignment_id = ANY(ARRAY(SELECT unnest(CAST(?3 AS uuid[])))) AND state = 'PENDING'
                                     AND kind IN ('APPROACHING', 'OVERDUE'))
                INSERT INTO reminder (assignment_id, task_id, unit_code, kind, threshold, deadline, due_at, state, created_at)
                SELECT s.assignment_id, s.task_id, s.unit_code, x.kind, x.threshold, s.deadline, x.due_at, 'PENDING', ?1
                FROM reminder_schedule s
                JOIN unnest(CAST(?4 AS text[]), CAST(?5 AS int[]), CAST(?6 AS timestamptz[])) AS x (kind, threshold, due_at)
                  ON (x.kind = 'APPROACHING' AND x.threshold = ANY (s.days_before)) OR (x.kind = 'OVERDUE' AND s.overdue_daily)
                WHERE s.assignment_id = ANY(ARRAY(SELECT unnest(CAST(?3 AS uuid[])))) AND s.open AND s.deadline IS NOT NULL""")
                .setParameter(1, now()).setParameter(2, reason).setParameter(3, uuidArray(ids))
                .setParameter(4, "{" + slots.stream().map(s -> s.kind().name()).collect(Collectors.joining(",")) + "}")
                .setParameter(5, intArray(slots.stream().map(ReminderPlan.Slot::threshold).toList()))
                .setParameter(6, "{" + slots.stream().map(s -> "\"" + s.dueAt() + "\"").collect(Collectors.joining(",")) + "}")
                .executeUpdate();
    }

    // --- firing --------------------------------------------------------------------------------------

    /**
     * One scheduler pass: in this transaction, takes up to {@code batch-size} due pending reminders
     * that no other pass holds ({@code FOR UPDATE SKIP LOCKED}), writes one outbox event per
     * reminder, marks them fired and plans the next overdue reminder. Returns the number of rows taken.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int runPass() {
        Instant nowInstant = clock.instant();
        OffsetDateTime now = nowInstant.atZone(ClockProducer.ZONE).toOffsetDateTime();
        LocalDate today = now.toLocalDate();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                SELECT r.id, r.assignment_id, r.task_id, r.unit_code, r.kind, r.threshold, r.deadline, r.due_at,
                       s.open, s.deadline AS current_deadline, s.overdue_daily,
                       r.period_seq, rd.due_on, rd.reported_on, rd.period_key, rd.period_label,
                       t.title, t.plan_id, p.document_number, t.lead_unit_code, lu.name, uu.name, a.role
                FROM reminder r LEFT JOIN reminder_schedule s ON s.assignment_id = r.assignment_id
                     LEFT JOIN report_due rd ON r.period_seq IS NOT NULL AND rd.assignment_id = r.assignment_id
                                            AND rd.seq = r.period_seq
                     LEFT JOIN assignment a ON a.id = r.assignment_id
                     LEFT JOIN task t ON t.id = r.task_id
                     LEFT JOIN plan p ON p.id = t.plan_id
                     LEFT JOIN unit_replica lu ON lu.code = t.lead_unit_code
                     LEFT JOIN unit_replica uu ON uu.code = r.unit_code
                WHERE r.state = 'PENDING' AND r.due_at <= ?1
                ORDER BY r.due_at
                LIMIT ?2
                FOR UPDATE OF r SKIP LOCKED""")
                .setParameter(1, now).setParameter(2, config.batchSize())
                .getResultList();
        if (due.isEmpty()) {
            return 0;
        }
        List<Row> rows = due.stream().map(Row::of).toList();

        // after downtime several approaching reminders of one assignment may be due at once: only the latest counts
        Map<UUID, Integer> mostUrgent = new HashMap<>();
        for (Row r : rows) {
            if (r.kind == ReminderPlan.Kind.APPROACHING) {
                mostUrgent.merge(r.assignmentId, r.threshold, Math::min);
            }
        }

        Outbox.Batch events = new Outbox.Batch();
        Map<LocalDate, Integer> daysTo = new HashMap<>();
        List<Long> firedIds = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        Map<Long, String> cancelled = new HashMap<>();
        List<Row> nextOverdue = new ArrayList<>();
        List<Row> reports = new ArrayList<>();
        for (Row r : rows) {
            if (r.kind == ReminderPlan.Kind.REPORT_DUE || r.kind == ReminderPlan.Kind.REPORT_OVERDUE) {
                // a periodic report's reminder (issue 19): stale once the unit reported, the due date moved or it closed
                if (!r.open || r.periodDue == null || !r.periodDue.equals(r.deadline)) {
                    cancelled.put(r.id, "stale: assignment closed or due date moved");
                } else if (r.reportedOn != null) {
                    cancelled.put(r.id, "stale: reported");
                } else if (r.kind == ReminderPlan.Kind.REPORT_DUE && today.isAfter(r.deadline)) {
                    cancelled.put(r.id, "stale: due date passed before it fired");
                } else {
                    reports.add(r);
                }
                continue;
            }
            if (!r.open || r.currentDeadline == null || !r.currentDeadline.equals(r.deadline)) {
                cancelled.put(r.id, "stale: assignment closed or deadline changed");
                continue;
            }
            int wd = daysTo.computeIfAbsent(r.deadline, d -> workingDays.workingDaysBetween(today, d));
            UUID eventId;
            if (r.kind == ReminderPlan.Kind.APPROACHING) {
                if (today.isAfter(r.deadline)) {
                    cancelled.put(r.id, "stale: deadline passed before it fired");
                    continue;
                }
                if (r.threshold != mostUrgent.get(r.assignmentId)) {
                    cancelled.put(r.id, "superseded by a nearer reminder due at the same time");
                    continue;
                }
                eventId = events.add(TaskEvents.TOPIC, r.taskId.toString(), ReminderEvents.DEADLINE_APPROACHING.name(),
                        r.assignmentId.toString(), new DeadlineApproaching(r.part(wd), Math.max(wd, 0), r.threshold,
                                r.id, r.dueAt));
            } else {
                eventId = events.add(TaskEvents.TOPIC, r.taskId.toString(), ReminderEvents.OVERDUE.name(),
                        r.assignmentId.toString(), new Overdue(r.part(wd), Math.max(-wd, 0), r.threshold, r.id, r.dueAt));
                if (r.overdueDaily) {
                    nextOverdue.add(r);
                }
            }
            firedIds.add(r.id);
            eventIds.add(eventId);
        }

        for (Row r : reports) {
            // the task part tells of the assignment's own deadline; the period's due date travels beside it
            Integer wdTask = r.currentDeadline == null ? null
                    : daysTo.computeIfAbsent(r.currentDeadline, d -> workingDays.workingDaysBetween(today, d));
            TaskPart part = r.part(r.currentDeadline, wdTask);
            int wd = daysTo.computeIfAbsent(r.deadline, d -> workingDays.workingDaysBetween(today, d));
            UUID eventId = r.kind == ReminderPlan.Kind.REPORT_DUE
                    ? events.add(TaskEvents.TOPIC, r.taskId.toString(), ReminderEvents.REPORT_DUE.name(),
                    r.assignmentId.toString(), new ReportDue(part, r.periodKey, r.periodLabel, r.periodSeq,
                            r.deadline, Math.max(wd, 0), r.id, r.dueAt))
                    : events.add(TaskEvents.TOPIC, r.taskId.toString(), ReminderEvents.REPORT_OVERDUE.name(),
                    r.assignmentId.toString(), new ReportOverdue(part, r.periodKey, r.periodLabel, r.periodSeq,
                            r.deadline, Math.max(-wd, 0), r.id, r.dueAt));
            firedIds.add(r.id);
            eventIds.add(eventId);
        }

        if (!firedIds.isEmpty()) {
            // one statement for the pass's events (a thousand single inserts would take most of a pass)
            outbox.addAll(events, now);
            firedEvent.fire(new Fired(firedIds.size()));
            em.createNativeQuery("""
                    UPDATE reminder r SET state = 'FIRED', fired_at = ?1, event_id = x.event_id
                    FROM unnest(CAST(?2 AS bigint[]), CAST(?3 AS uuid[])) AS x (id, event_id)
                    WHERE r.id = x.id""")
                    .setParameter(1, now).setParameter(2, longArray(firedIds)).setParameter(3, uuidArray(eventIds))
                    .executeUpdate();
        }
        if (!cancelled.isEmpty()) {
            em.createNativeQuery("""
                    UPDATE reminder r SET state = 'CANCELLED', cancelled_at = ?1, cancel_reason = x.reason
                    FROM unnest(CAST(?2 AS bigint[]), CAST(?3 AS text[])) AS x (id, reason)
                    WHERE r.id = x.id""")
                    .setParameter(1, now).setParameter(2, longArray(cancelled.keySet()))
                    .setParameter(3, textArray(cancelled.keySet().stream().map(cancelled::get).toList()))
                    .executeUpdate();
        }
        if (!nextOverdue.isEmpty()) {
            List<ReminderPlan.Slot> next = nextOverdue.stream()
                    .map(r -> ReminderPlan.nextOverdue(r.deadline, today, workingDays, config.timeOfDay())).toList();
            em.createNativeQuery("""
                    INSERT INTO reminder (assignment_id, task_id, unit_code, kind, threshold, deadline, due_at, state, created_at)
                    SELECT r.assignment_id, r.task_id, r.unit_code, 'OVERDUE', x.threshold, r.deadline, x.due_at, 'PENDING', ?1
                    FROM unnest(CAST(?2 AS bigint[]), CAST(?3 AS int[]), CAST(?4 AS timestamptz[])) AS x (id, threshold, due_at)
                    JOIN reminder r ON r.id = x.id""")
                    .setParameter(1, now)
                    .setParameter(2, longArray(nextOverdue.stream().map(r -> r.id).toList()))
                    .setParameter(3, intArray(next.stream().map(ReminderPlan.Slot::threshold).toList()))
                    .setParameter(4, "{" + next.stream().map(s -> "\"" + s.dueAt() + "\"").collect(Collectors.joining(",")) + "}")
                    .executeUpdate();
        }
        return rows.size();
    }

    /** A due reminder with what its event tells of the task (read in the same query: no look-up per reminder). */
    private record Row(long id, UUID assignmentId, UUID taskId, String unitCode, ReminderPlan.Kind kind, int threshold,
                       LocalDate deadline, OffsetDateTime dueAt, boolean open, LocalDate currentDeadline,
                       boolean overdueDaily, Integer periodSeq, LocalDate periodDue, LocalDate reportedOn,
                       String periodKey, String periodLabel, String title, UUID planId, String documentNumber,
                       String leadUnitCode, String leadUnitName, String unitName, String role) {
        static Row of(Object[] o) {
            return new Row(((Number) o[0]).longValue(), (UUID) o[1], (UUID) o[2], (String) o[3],
                    ReminderPlan.Kind.valueOf((String) o[4]), ((Number) o[5]).intValue(), date(o[6]),
                    timestamp(o[7]), Boolean.TRUE.equals(o[8]), date(o[9]), Boolean.TRUE.equals(o[10]),
                    o[11] == null ? null : ((Number) o[11]).intValue(), date(o[12]), date(o[13]), (String) o[14],
                    (String) o[15], (String) o[16], (UUID) o[17], (String) o[18], (String) o[19], (String) o[20],
                    (String) o[21], (String) o[22]);
        }

        /** The event's task part; {@code workingDaysLeft} counted today (negative: overdue). */
        TaskPart part(int workingDaysLeft) {
            return part(deadline, workingDaysLeft);
        }

        /** The event's task part with the assignment's deadline (a report reminder's own date is the period's). */
        TaskPart part(LocalDate deadline, Integer workingDaysLeft) {
            return new TaskPart(taskId, assignmentId, title, planId, documentNumber, leadUnitCode,
                    leadUnitName != null ? leadUnitName : leadUnitCode, unitCode, unitName != null ? unitName : unitCode,
                    role == null ? null : TaskPart.Role.valueOf(role), deadline, workingDaysLeft);
        }
    }

    private static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    private static OffsetDateTime timestamp(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(ClockProducer.ZONE).toOffsetDateTime();
        }
        if (o instanceof Instant i) {
            return i.atZone(ClockProducer.ZONE).toOffsetDateTime();
        }
        return ((java.sql.Timestamp) o).toInstant().atZone(ClockProducer.ZONE).toOffsetDateTime();
    }

    private OffsetDateTime now() {
        return clock.instant().atZone(ClockProducer.ZONE).toOffsetDateTime();
    }

    // Arrays travel as text literals cast in SQL. A cast inside a row predicate is evaluated for
    // every row (array_in is not constant-folded), so it is always wrapped in a sub-select,
    // "= ANY(ARRAY(SELECT unnest(CAST(?1 AS uuid[]))))", which PostgreSQL evaluates once.
    static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    static String intArray(Collection<Integer> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    static String longArray(Collection<Long> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    static String textArray(Collection<String> xs) {
        return xs.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
