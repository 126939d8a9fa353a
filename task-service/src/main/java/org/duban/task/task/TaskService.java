package org.duban.task.task;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.task.unit.UnitReplica;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
        task.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < req.unitCodes().size(); i++) {
            Assignment a = new Assignment();
            a.id = UUID.randomUUID();
            a.task = task;
            a.unitCode = req.unitCodes().get(i);
            a.role = i == 0 ? Assignment.Role.LEAD : Assignment.Role.RESPONSIBLE;
            a.state = Assignment.State.ASSIGNED;
            a.createdAt = task.createdAt;
            task.assignments.add(a);
        }
        task.persist();
        for (Assignment a : task.assignments) {
            outbox.add(TaskEvents.TOPIC, task.id.toString(), TaskEvents.TASK_ASSIGNED, a.id.toString(),
                    TaskEvents.TaskAssigned.of(a, units.get(a.unitCode).name));
            opened.fire(new AssignmentLifecycle.Opened(a.id, task.id, a.unitCode, task.deadline,
                    AssignmentLifecycle.ReminderPolicy.DEFAULT));
        }
        return TaskApi.TaskView.of(task, names(units.values()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TaskApi.TaskView> find(UUID id) {
        return Task.<Task>findByIdOptional(id).map(t -> TaskApi.TaskView.of(t, namesOf(t)));
    }

    /** Tasks newest first; the cursor is the id of the last task of the previous page. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TaskApi.TaskView> list(UUID cursor, int limit) {
        List<Task> tasks;
        Sort order = Sort.descending("createdAt", "id");
        if (cursor == null) {
            tasks = Task.findAll(order).page(0, limit).list();
        } else {
            Task last = Task.findById(cursor);
            if (last == null) {
                throw new ProblemException(ProblemType.VALIDATION, "The cursor does not name a task",
                        List.of(Problem.FieldError.of("cursor", "unknown cursor")));
            }
            tasks = Task.find("createdAt < ?1 or (createdAt = ?1 and id < ?2)", order, last.createdAt, last.id)
                    .page(0, limit).list();
        }
        return tasks.stream().map(t -> TaskApi.TaskView.of(t, namesOf(t))).toList();
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
        Map<String, UnitReplica> found = new HashMap<>();
        UnitReplica.<UnitReplica>list("code in ?1", codes).forEach(u -> found.put(u.code, u));
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            UnitReplica u = found.get(codes.get(i));
            if (u == null) {
                unknown.add(codes.get(i));
                errors.add(new Problem.FieldError("unitCodes[" + i + "]", "no such unit", codes.get(i)));
            } else if (!u.active) {
                unknown.add(codes.get(i));
                errors.add(new Problem.FieldError("unitCodes[" + i + "]", "unit is no longer active", codes.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_UNIT,
                    "Unknown or inactive unit code(s): " + String.join(", ", unknown), errors);
        }
        return found;
    }

    private static Map<String, String> namesOf(Task t) {
        List<String> codes = t.assignments.stream().map(a -> a.unitCode).toList();
        return names(UnitReplica.<UnitReplica>list("code in ?1", codes));
    }

    private static Map<String, String> names(Collection<UnitReplica> units) {
        Map<String, String> names = new HashMap<>();
        units.forEach(u -> names.put(u.code, u.name));
        return names;
    }
}
