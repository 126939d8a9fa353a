package org.duban.task.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.events.task.TaskAssigned;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.history.History;
import org.duban.task.time.ClockProducer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class TaskService {

    @Inject
    Outbox outbox;

    @Inject
    Event<AssignmentLifecycle.Opened> opened;

    @Inject
    History history;

    @Inject
    TaskViews views;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Inject
    Event<TaskMeters.Created> createdEvent;

    @Inject
    WorkingDays workingDays;

    @Inject
    TaskPlans plans;

    @Inject
    NewTasks newTasks;

    @Inject
    ObjectMapper json;

    @Inject
    NewAssignmentReminders newReminders;

    /**
     * Stores the task and one assignment per unit, and records one {@code task.assigned} event per
     * assignment in the outbox, all in one transaction. Unknown or retired units: nothing is written.
     * Set-based: the same statements for 1 unit or 500 ({@link WriteSet}) — the units read, then the task, its
     * assignments, its history and its events in one statement ({@link #write}); the task is not an entity of
     * the session (issue 16: its persist and flush were a fifth of the POST's CPU in task-service).
     */
    public TaskApi.TaskView create(TaskApi.CreateTask req) {
        if (req.reportCycle() != null) {
            List<Problem.FieldError> errors = req.reportCycle().check("reportCycle");
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.VALIDATION, errors.size() + " invalid field(s)", errors);
            }
        }
        Map<String, String> names = checkUnits(req.unitCodes());

        Task task = new Task();
        task.id = UUID.randomUUID();
        task.title = req.title().strip();
        task.deadline = req.deadline();
        task.deadlineSource = Task.DeadlineSource.EXPLICIT;
        task.createdAt = OffsetDateTime.now(clock);
        task.leadUnitCode = req.unitCodes().get(0);
        task.responsibleUnitCodes = new ArrayList<>(req.unitCodes().subList(1, req.unitCodes().size()));
        // a standalone task's cycle covers its deadline's year unless it gives its own range
        task.reportCycle = ReportCycles.toJson(req.reportCycle() == null ? null
                : req.reportCycle().withRange(req.deadline().getYear()));
        WriteSet writes = new WriteSet();
        writes.tasks.add(task);
        newTasks.add(task);
        parts(writes).knowNames(names);
        writes.history(new History.Entry(task.id, null, null, "created", null, null, null, Map.of("title", task.title)));
        List<Assignment> assignments = new ArrayList<>(req.unitCodes().size());
        for (int i = 0; i < req.unitCodes().size(); i++) {
            String code = req.unitCodes().get(i);
            assignments.add(openNew(writes, task, code, names.get(code), i == 0 ? Assignment.Role.LEAD : Assignment.Role.RESPONSIBLE,
                    Assignment.Origin.PLANNED, AssignmentLifecycle.ReminderPolicy.DEFAULT, task.createdAt));
        }
        write(writes);
        createdEvent.fire(new TaskMeters.Created(1));
        return views.created(List.of(task), Map.of(task.id, assignments), names).get(0);
    }

    /**
     * A unit now owes the task: the assignment, its {@code task.assigned} event, its history row and
     * {@link AssignmentLifecycle.Opened} for the reminders, all written now, in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Assignment open(Task task, String unitCode, String unitName, Assignment.Role role, Assignment.Origin origin,
                           AssignmentLifecycle.ReminderPolicy policy, OffsetDateTime now) {
        return open(parts(), task, unitCode, unitName, role, origin, policy, now);
    }

    /** As above, the event's task part from {@code parts}: a write that opens several assignments looks up once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Assignment open(TaskParts parts, Task task, String unitCode, String unitName, Assignment.Role role,
                           Assignment.Origin origin, AssignmentLifecycle.ReminderPolicy policy, OffsetDateTime now) {
        WriteSet writes = new WriteSet();
        writes.parts = parts;
        Assignment a = open(writes, task, unitCode, unitName, role, origin, policy, now);
        write(writes);
        return a;
    }

    /**
     * As {@link #open(Task, String, String, Assignment.Role, Assignment.Origin, AssignmentLifecycle.ReminderPolicy,
     * OffsetDateTime)}, but the event and the history row are collected in {@code writes}, written by {@link #write}
     * with the others of the transaction; the assignment is a managed entity, inserted at the flush (in a JDBC batch
     * with the others) and added to {@code task.assignments}: for a write that changes it further (a claim) or reads
     * the task's assignments back (a designation's answer).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Assignment open(WriteSet writes, Task task, String unitCode, String unitName, Assignment.Role role,
                           Assignment.Origin origin, AssignmentLifecycle.ReminderPolicy policy, OffsetDateTime now) {
        Assignment a = assignment(task, unitCode, role, origin, policy, now);
        a.persist();
        task.assignments.add(a);
        opened(writes, a, unitName);
        opened.fire(new AssignmentLifecycle.Opened(a.id, a.task.id, a.unitCode, a.deadline, policy));
        return a;
    }

    /**
     * As {@link #open(WriteSet, Task, String, String, Assignment.Role, Assignment.Origin,
     * AssignmentLifecycle.ReminderPolicy, OffsetDateTime)} for a write that only creates assignments (creating a
     * task, publishing a plan): the assignment is NOT an entity of the session; {@link #write} inserts all such
     * assignments of {@code writes} in one statement, and the caller builds its answer from the values returned
     * ({@link TaskViews#created}). Hibernate's per-entity insert of 531 assignments was over half of a publish's
     * CPU (h16seed). The task's {@code assignments} list is not touched: nothing of the transaction reads it after.
     * Its {@link AssignmentLifecycle.Opened} is not fired: its reminders are written by the same statement
     * ({@link NewAssignmentReminders}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Assignment openNew(WriteSet writes, Task task, String unitCode, String unitName, Assignment.Role role,
                              Assignment.Origin origin, AssignmentLifecycle.ReminderPolicy policy, OffsetDateTime now) {
        Assignment a = assignment(task, unitCode, role, origin, policy, now);
        writes.inserts.add(a);
        opened(writes, a, unitName);
        writes.opened.add(new AssignmentLifecycle.Opened(a.id, a.task.id, a.unitCode, a.deadline, policy));
        return a;
    }

    private static Assignment assignment(Task task, String unitCode, Assignment.Role role, Assignment.Origin origin,
                                         AssignmentLifecycle.ReminderPolicy policy, OffsetDateTime now) {
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.task = task;
        a.unitCode = unitCode;
        a.role = role;
        a.origin = origin;
        a.state = Assignment.State.ASSIGNED;
        a.deadline = task.deadline;
        a.warnDays = policy.daysBefore().stream().mapToInt(Integer::intValue).max().orElse(0);
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    /** The new assignment's {@code task.assigned} and its history row. */
    private void opened(WriteSet writes, Assignment a, String unitName) {
        writes.event(TaskEvents.TOPIC, a.task.id.toString(), org.duban.events.task.TaskEvents.ASSIGNED.name(),
                a.id.toString(), new TaskAssigned(parts(writes).knowName(a.unitCode, unitName).of(a), a.createdAt));
        writes.history(new History.Entry(a.task.id, a.id, a.unitCode, "assigned", null, a.state, null,
                Map.of("role", a.role.name(), "origin", a.origin.name())));
    }

    /**
     * Writes what {@code writes} collected, in the caller's transaction: first the pending entities
     * (the flush sends managed ones in JDBC batches), then in ONE statement and round trip its new tasks, the
     * assignments of {@link #openNew} with their reminders ({@link NewAssignmentReminders}), every history row (they
     * reference them) and every event (in order, so per task key): each statement of a POST was parsed, planned and executed apart, and that per-statement
     * work was most of PostgreSQL's share of a created task (issue 16, hpost).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(WriteSet writes) {
        EntityManager em = Task.getEntityManager();
        em.flush();
        // Flushed just now: the native insert must not flush again. It would (Hibernate flushes the
        // whole session before a native statement) check every entity of the transaction once more, ~500
        // after a publish, for nothing: its tables are written by nothing else here.
        FlushModeType mode = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if (writes.history.isEmpty()) {
                if (!writes.tasks.isEmpty() || !writes.inserts.isEmpty()) {
                    throw new IllegalStateException("new tasks and assignments are written with their history rows");
                }
                outbox.addAll(writes.events, now);
                return;
            }
            List<History.Before> before = new ArrayList<>(3);
            if (!writes.tasks.isEmpty()) {
                before.add(tasks(writes.tasks));
            }
            if (!writes.inserts.isEmpty()) {
                before.add(inserts(writes.inserts));
                before.add(newReminders.part(writes.opened));
            }
            Outbox.Part events = writes.events.isEmpty() ? null : outbox.part(writes.events, now, 1);
            if (events != null) {
                before.add(new History.Before(events.cte(), events.parameters()));
            }
            history.recordAll(writes.history, before);
            if (events != null) {
                outbox.written(writes.events, now);
            }
        } finally {
            em.setFlushMode(mode);
        }
    }

    /**
     * New tasks (not entities: {@link #create}) as a CTE of the history's statement ({@link History.Before}), every
     * column Hibernate's insert wrote; the version starts at 0, as Hibernate's would.
     */
    private History.Before tasks(List<Task> ts) {
        return new History.Before("""
                new_task AS (
                    INSERT INTO task (id, title, deadline, deadline_phrase, deadline_source, plan_id, section_id,
                                      work_item_id, ordinal, tags, lead_unit_code, responsible_unit_codes, open_groups,
                                      report_cycle, created_at, version)
                    SELECT x.id, x.ti, x.d, x.ph, x.src, x.p, x.s, x.w, x.o, CAST(x.tg AS jsonb), x.l, CAST(x.r AS jsonb),
                           CAST(x.og AS jsonb), CAST(x.rc AS jsonb), x.c, 0
                    FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS text[]), CAST(?3 AS date[]), CAST(?4 AS text[]),
                                CAST(?5 AS text[]), CAST(?6 AS uuid[]), CAST(?7 AS uuid[]), CAST(?8 AS uuid[]),
                                CAST(?9 AS int[]), CAST(?10 AS text[]), CAST(?11 AS text[]), CAST(?12 AS text[]),
                                CAST(?13 AS text[]), CAST(?14 AS text[]), CAST(?15 AS timestamptz[]))
                         AS x (id, ti, d, ph, src, p, s, w, o, tg, l, r, og, rc, c))""",
                List.of(array(ts, t -> t.id.toString()), array(ts, t -> t.title),
                        array(ts, t -> t.deadline == null ? null : t.deadline.toString()), array(ts, t -> t.deadlinePhrase),
                        array(ts, t -> t.deadlineSource.name()), array(ts, t -> text(t.planId)),
                        array(ts, t -> text(t.sectionId)), array(ts, t -> text(t.workItemId)),
                        array(ts, t -> t.ordinal == null ? null : t.ordinal.toString()), array(ts, t -> json(t.tags)),
                        array(ts, t -> t.leadUnitCode), array(ts, t -> json(t.responsibleUnitCodes)),
                        array(ts, t -> json(t.openGroups)), array(ts, t -> t.reportCycle),
                        array(ts, t -> t.createdAt.toString())));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private String json(List<String> xs) {
        try {
            return json.writeValueAsString(xs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * New assignments (not entities: {@link #openNew}) as a CTE of the history's statement ({@link History.Before}):
     * the assignments and the history rows that name them in ONE statement and round trip, whatever their number.
     * Arrays travel as text literals cast in SQL, as the history's and the outbox's. The version starts at 0, as
     * Hibernate's would.
     */
    private static History.Before inserts(List<Assignment> as) {
        return new History.Before("""
                new_assignment AS (
                    INSERT INTO assignment (id, task_id, unit_code, role, state, origin, deadline, warn_days,
                                            progress_percent, created_at, updated_at, version)
                    SELECT x.id, x.t, x.u, x.r, x.s, x.o, x.d, x.w, 0, x.c, x.c, 0
                    FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                                CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS date[]), CAST(?8 AS int[]),
                                CAST(?9 AS timestamptz[])) AS x (id, t, u, r, s, o, d, w, c))""",
                List.of(array(as, a -> a.id.toString()), array(as, a -> a.task.id.toString()), array(as, a -> a.unitCode),
                        array(as, a -> a.role.name()), array(as, a -> a.state.name()), array(as, a -> a.origin.name()),
                        array(as, a -> a.deadline == null ? null : a.deadline.toString()),
                        array(as, a -> Integer.toString(a.warnDays)), array(as, a -> a.createdAt.toString())));
    }

    /** A PostgreSQL array literal of one column of {@code as} (NULL for a null value). */
    /** One column of new rows as a text array literal (the history's and the outbox's form). */
    private static <T> String array(List<T> rows, java.util.function.Function<T, String> column) {
        return History.textArray(rows.stream().map(column).toList());
    }

    /**
     * The task parts of the events of {@code writes}: the plan's 文号, the unit names and the working days to
     * each deadline looked up once for the write set (issue 18).
     */
    public TaskParts parts(WriteSet writes) {
        if (writes.parts == null) {
            writes.parts = new TaskParts(LocalDate.now(clock.withZone(ClockProducer.ZONE)), workingDays, plans);
        }
        return writes.parts;
    }

    /** The task parts of a write that is not a {@link WriteSet} (a lifecycle change). */
    public TaskParts parts() {
        return new TaskParts(LocalDate.now(clock.withZone(ClockProducer.ZONE)), workingDays, plans);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TaskApi.TaskView> find(UUID id) {
        return Task.<Task>findByIdOptional(id).map(views::task);
    }

    /** The task as the caller may see it: 404 when unknown, 403 when no unit of the caller has an assignment of it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskApi.TaskView read(UUID id) {
        return views.task(readable(id));
    }

    /**
     * The task, if the caller may read it: supervisor and viewer any task; a unit-operator or an
     * integration a task one of its units has an assignment of (so never a draft's task, which has none).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Task readable(UUID id) {
        Task task = Task.findById(id);
        if (task == null) {
            throw ProblemException.notFound("No task with id " + id);
        }
        access.requireReadAny(task.assignments.stream().map(a -> a.unitCode).toList(), "Task " + id);
        return task;
    }

    /** The units' names by code, or a 400 (a code twice) or a 422 (unknown or retired). */
    private Map<String, String> checkUnits(List<String> codes) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            if (!seen.add(codes.get(i))) {
                errors.add(new Problem.FieldError("unitCodes[" + i + "]", "listed twice", codes.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "A unit is listed more than once", errors);
        }
        List<Units.Ref> refs = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            refs.add(new Units.Ref("unitCodes[" + i + "]", codes.get(i)));
        }
        return Units.requireActiveNames(refs);
    }
}
