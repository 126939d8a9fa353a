package org.duban.task.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.task.history.History;
import org.duban.task.unit.UnitReplica;

import java.time.Clock;
import java.time.OffsetDateTime;
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

    /**
     * Stores the task and one assignment per unit, and records one {@code task.assigned} event per
     * assignment in the outbox, all in one transaction. Unknown or retired units: nothing is written.
     */
    public TaskApi.TaskView create(TaskApi.CreateTask req) {
        Map<String, UnitReplica> units = checkUnits(req.unitCodes());

        Task task = new Task();
        task.id = UUID.randomUUID();
        task.title = req.title().strip();
        task.deadline = req.deadline();
        task.deadlineSource = Task.DeadlineSource.EXPLICIT;
        task.createdAt = OffsetDateTime.now(clock);
        task.leadUnitCode = req.unitCodes().get(0);
        task.responsibleUnitCodes = new ArrayList<>(req.unitCodes().subList(1, req.unitCodes().size()));
        task.persist();
        history.record(task.id, null, null, "created", null, null, null, Map.of("title", task.title));
        for (int i = 0; i < req.unitCodes().size(); i++) {
            String code = req.unitCodes().get(i);
            open(task, code, units.get(code).name, i == 0 ? Assignment.Role.LEAD : Assignment.Role.RESPONSIBLE,
                    Assignment.Origin.PLANNED, AssignmentLifecycle.ReminderPolicy.DEFAULT, task.createdAt);
        }
        createdEvent.fire(new TaskMeters.Created(1));
        return views.task(task);
    }

    /**
     * A unit now owes the task: the assignment, its {@code task.assigned} event, its history row and
     * {@link AssignmentLifecycle.Opened} for the reminders, all in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Assignment open(Task task, String unitCode, String unitName, Assignment.Role role, Assignment.Origin origin,
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
        a.persist();
        task.assignments.add(a);
        outbox.add(TaskEvents.TOPIC, task.id.toString(), TaskEvents.TASK_ASSIGNED, a.id.toString(),
                TaskEvents.TaskAssigned.of(a, unitName, task.planId == null ? null
                        : org.duban.task.plan.Plan.<org.duban.task.plan.Plan>findByIdOptional(task.planId)
                                .map(plan -> plan.documentNumber).orElse(null)));
        history.record(task.id, a.id, unitCode, "assigned", null, a.state, null,
                Map.of("role", role.name(), "origin", origin.name()));
        opened.fire(new AssignmentLifecycle.Opened(a.id, task.id, a.unitCode, a.deadline, policy));
        return a;
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

    private Map<String, UnitReplica> checkUnits(List<String> codes) {
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
        return Units.requireActive(refs);
    }
}
