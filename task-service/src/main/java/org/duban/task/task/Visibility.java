package org.duban.task.task;

import org.duban.common.security.Caller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a caller sees of one unit's part in a task it shares with other units (a plan's tree, a task, a
 * list, a task's history), written once for every answer of task-service (issue 12).
 * <p>
 * Whoever may read the unit's work ({@link Caller#mayRead}: the supervisor, the viewer, the unit's own
 * operator or integration) sees all of it. Anyone else — a co-unit, a unit reading a published plan, a
 * caller without a token — sees what the unit owes and where it stands: unit, role, origin, state,
 * deadline and light. Never its progress (percent, reports, evidence, next steps), its extension
 * requests, the notes and reasons of its history (签收 notes, 退回 and 退回重办 reasons, 催办 messages…)
 * or who acted. A hidden part says so ({@code redacted: true}) so a client does not read "no progress yet".
 */
public final class Visibility {

    /**
     * History details that stay when an entry is redacted: how the unit came to owe the task and its
     * deadlines, which every reader of the task sees on the assignment anyway.
     */
    static final Set<String> SHARED_DETAILS = Set.of("role", "origin", "group", "deadline", "previousDeadline");

    private Visibility() {
    }

    /** The caller sees everything of {@code unitCode}'s part; a task's own entries (no unit) are everyone's. */
    public static boolean seesAllOf(Caller caller, String unitCode) {
        return unitCode == null || caller.mayRead(unitCode);
    }

    /** The assignment as {@code caller} may see it. */
    public static TaskApi.AssignmentView assignment(TaskApi.AssignmentView v, Caller caller) {
        if (seesAllOf(caller, v.unitCode())) {
            return v;
        }
        return new TaskApi.AssignmentView(v.id(), v.taskId(), v.taskTitle(), v.planId(), v.unitCode(), v.unitName(),
                v.role(), v.origin(), v.state(), v.deadline(), v.light(), null, null, null, v.allowedActions(),
                v.createdAt(), v.version(), true);
    }

    public static List<TaskApi.AssignmentView> assignments(List<TaskApi.AssignmentView> vs, Caller caller) {
        return vs.stream().map(v -> assignment(v, caller)).toList();
    }

    /**
     * The history entry as {@code caller} may see it: another unit's entry keeps its action, time, unit and
     * states (the same facts its assignment shows) and loses its reason, actor and private details.
     */
    public static TaskApi.HistoryView history(TaskApi.HistoryView h, Caller caller) {
        if (seesAllOf(caller, h.unitCode())) {
            return h;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (h.details() != null) {
            h.details().forEach((k, val) -> {
                if (SHARED_DETAILS.contains(k)) {
                    details.put(k, val);
                }
            });
        }
        return new TaskApi.HistoryView(h.seq(), h.taskId(), h.assignmentId(), h.unitCode(), h.action(), null, h.at(),
                h.fromState(), h.toState(), null, details, true);
    }
}
