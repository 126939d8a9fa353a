package org.duban.task.task;

import org.duban.task.evidence.EvidenceApi;
import org.duban.task.evidence.EvidenceViews;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the API views of tasks and assignments, with unit names, lights, latest progress and
 * pending extension requests loaded in a few batch queries. Every view is built for the current
 * caller: another unit's assignment, in a shared task or a published plan, shows its state, deadline
 * and light but not its progress or extension request ({@link Visibility}); those are not even loaded.
 */
@ApplicationScoped
public class TaskViews {

    @Inject
    Lights lights;

    @Inject
    Access access;

    public TaskApi.TaskView task(Task t) {
        return tasks(List.of(t)).get(0);
    }

    public List<TaskApi.TaskView> tasks(List<Task> tasks) {
        return tasks(tasks, null);
    }

    public TaskApi.AssignmentView assignment(Assignment a) {
        return assignments(List.of(a)).get(0);
    }

    public List<TaskApi.AssignmentView> assignments(Collection<Assignment> as) {
        return assignments(as, null);
    }

    /**
     * The views of tasks whose assignments were all created in this transaction (a task just created, a
     * plan just published), with the unit names the caller already read: nothing to query, since no
     * progress report or extension request can exist yet for a new assignment.
     */
    public List<TaskApi.TaskView> created(List<Task> tasks, Map<String, String> names) {
        return tasks(tasks, names);
    }

    private List<TaskApi.TaskView> tasks(List<Task> tasks, Map<String, String> namesOfNew) {
        List<Assignment> all = tasks.stream().flatMap(t -> t.assignments.stream()).toList();
        Map<UUID, TaskApi.AssignmentView> views = new HashMap<>();
        assignments(all, namesOfNew).forEach(v -> views.put(v.id(), v));
        List<TaskApi.TaskView> out = new ArrayList<>();
        for (Task t : tasks) {
            List<TaskApi.AssignmentView> as = t.assignments.stream().map(a -> views.get(a.id)).toList();
            out.add(new TaskApi.TaskView(t.id, t.title, t.planId, t.sectionId, t.workItemId, t.ordinal, t.deadline,
                    t.deadlinePhrase, t.deadlineSource, List.copyOf(t.tags), t.leadUnitCode,
                    List.copyOf(t.responsibleUnitCodes), List.copyOf(t.openGroups),
                    StatusLight.worst(as.stream().map(TaskApi.AssignmentView::light).toList()),
                    t.createdAt, t.version, as));
        }
        return out;
    }

    /** {@code namesOfNew} non-null: the assignments are new (see {@link #created}) and these are their units' names. */
    private List<TaskApi.AssignmentView> assignments(Collection<Assignment> as, Map<String, String> namesOfNew) {
        if (as.isEmpty()) {
            return List.of();
        }
        Caller caller = access.caller();
        // the progress and extension requests of the units the caller may read, only
        List<UUID> ids = namesOfNew != null ? List.of()
                : as.stream().filter(a -> Visibility.seesAllOf(caller, a.unitCode)).map(a -> a.id).toList();
        Map<String, String> names;
        if (namesOfNew != null) {
            names = namesOfNew;
        } else {
            Set<String> codes = new HashSet<>();
            as.forEach(a -> codes.add(a.unitCode));
            names = Units.names(codes);
        }
        Map<UUID, ProgressReport> latest = new HashMap<>();
        Map<UUID, ExtensionRequest> pending = new HashMap<>();
        if (!ids.isEmpty()) {
            ProgressReport.<ProgressReport>list("assignmentId in ?1 order by reportedAt desc, id", ids)
                    .forEach(r -> latest.putIfAbsent(r.assignmentId, r));
            ExtensionRequest.<ExtensionRequest>list("assignmentId in ?1 and state = ?2", ids, ExtensionRequest.State.PENDING)
                    .forEach(e -> pending.put(e.assignmentId, e));
        }
        // the latest reports' evidence files, in one query (issue 19)
        Map<UUID, List<EvidenceApi.EvidenceView>> evidence = EvidenceViews.byReport(
                latest.values().stream().map(r -> r.id).toList());
        return as.stream().map(a -> Visibility.assignment(new TaskApi.AssignmentView(a.id, a.task.id, a.task.title,
                a.task.planId, a.unitCode, names.get(a.unitCode), a.role, a.origin, a.state, a.deadline, lights.of(a),
                a.progressPercent, TaskApi.ProgressView.of(latest.get(a.id), evidence),
                TaskApi.ExtensionView.of(pending.get(a.id)),
                Lifecycle.allowed(a.state).stream().map(Lifecycle.Action::slug).toList(), a.createdAt, a.version, false),
                caller)).toList();
    }
}
