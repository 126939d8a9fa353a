package org.duban.task.task;

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

    @Inject
    ReportStandings reports;

    @Inject
    ReportEvidence evidenceFiles;

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
     * plan just published), from the values written ({@code assignments} by task id, in the answer's order:
     * they are not in the tasks' entity lists, {@link TaskService#openNew}), with the unit names the caller
     * already read: nothing to query, since no progress report or extension request can exist yet for a new
     * assignment.
     */
    public List<TaskApi.TaskView> created(List<Task> tasks, Map<UUID, List<Assignment>> assignments, Map<String, String> names) {
        return tasks(tasks, t -> assignments.getOrDefault(t.id, List.of()), names);
    }

    private List<TaskApi.TaskView> tasks(List<Task> tasks, Map<String, String> namesOfNew) {
        return tasks(tasks, t -> t.assignments, namesOfNew);
    }

    private List<TaskApi.TaskView> tasks(List<Task> tasks, java.util.function.Function<Task, List<Assignment>> assignmentsOf,
                                         Map<String, String> namesOfNew) {
        List<Assignment> all = tasks.stream().flatMap(t -> assignmentsOf.apply(t).stream()).toList();
        Map<UUID, TaskApi.AssignmentView> views = new HashMap<>();
        assignments(all, namesOfNew).forEach(v -> views.put(v.id(), v));
        List<TaskApi.TaskView> out = new ArrayList<>();
        for (Task t : tasks) {
            List<TaskApi.AssignmentView> as = assignmentsOf.apply(t).stream().map(a -> views.get(a.id)).toList();
            out.add(new TaskApi.TaskView(t.id, t.title, t.planId, t.sectionId, t.workItemId, t.ordinal, t.deadline,
                    t.deadlinePhrase, t.deadlineSource, List.copyOf(t.tags), t.leadUnitCode,
                    List.copyOf(t.responsibleUnitCodes), List.copyOf(t.openGroups),
                    StatusLight.worst(as.stream().map(TaskApi.AssignmentView::light).toList()),
                    t.createdAt, t.version, as, reports.inForce(t)));
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
            byAssignments(ProgressReport.class, "SELECT * FROM progress_report WHERE assignment_id = %s "
                    + "ORDER BY reported_at DESC, id", ids).forEach(r -> latest.putIfAbsent(r.assignmentId, r));
            byAssignments(ExtensionRequest.class, "SELECT * FROM extension_request WHERE assignment_id = %s "
                    + "AND state = 'PENDING'", ids).forEach(e -> pending.put(e.assignmentId, e));
        }
        // periodic reports count in the light (issue 19): read for the assignments of tasks under a cycle only
        Map<UUID, Boolean> underCycle = new HashMap<>();
        List<UUID> cycled = as.stream().filter(a -> underCycle.computeIfAbsent(a.task.id, k -> reports.inForce(a.task) != null))
                .map(a -> a.id).toList();
        Map<UUID, ReportStanding> standings = cycled.isEmpty() ? Map.of() : reports.standings(cycled);
        // the latest reports' evidence files, in one query (issue 19)
        Map<UUID, List<TaskApi.EvidenceView>> evidence = evidenceFiles.byReport(
                latest.values().stream().map(r -> r.id).toList());
        return as.stream().map(a -> Visibility.assignment(new TaskApi.AssignmentView(a.id, a.task.id, a.task.title,
                a.task.planId, a.unitCode, names.get(a.unitCode), a.role, a.origin, a.state, a.deadline,
                lights.of(a, standings.get(a.id)),
                a.progressPercent, TaskApi.ProgressView.of(latest.get(a.id), evidence),
                TaskApi.ExtensionView.of(pending.get(a.id)),
                Lifecycle.allowed(a.state).stream().map(Lifecycle.Action::slug).toList(), a.createdAt, a.version, false),
                caller)).toList();
    }

    /**
     * Entities of {@code type} for the assignments, by a native query of fixed SQL ({@code %s} = the ids as one
     * array): a JPQL {@code in ?1} with a list is translated from HQL again at every call. Only pending
     * changes of {@code type}'s own table are flushed before it (as JPQL would).
     */
    @SuppressWarnings("unchecked")
    private static <T> List<T> byAssignments(Class<T> type, String sql, List<UUID> ids) {
        String array = ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        return Task.getEntityManager()
                .createNativeQuery(sql.formatted("ANY(ARRAY(SELECT unnest(CAST(?1 AS uuid[]))))"), type)
                .unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedEntityClass(type)
                .setParameter(1, array)
                .getResultList();
    }
}
