package org.duban.task.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.events.EventType;
import org.duban.events.task.TaskTransition;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.task.history.Actor;
import org.duban.task.history.History;
import org.duban.task.unit.OpenGroupScope;
import org.duban.task.unit.UnitReplica;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The assignment lifecycle: each action locks the assignment, asks {@link Lifecycle} whether it is
 * allowed, changes it, and writes its history row and its event in the same transaction. A refused
 * action is a 409 {@code illegal-transition} naming {@code currentState} and {@code allowedActions}.
 * <p>
 * Object-level authorization: every action requires that the caller may act for the assignment's unit
 * (the supervisor may; a unit-operator or an integration for its own units; the supervisor-only
 * decisions are limited by role on the resource), reading requires that it may read it, and a claim
 * requires that it may act for the unit named in the body, and that the unit could be one of the task's open
 * group ({@link OpenGroupScope}) — checked before anything changes.
 */
@ApplicationScoped
@Transactional
public class AssignmentService {

    @Inject
    Outbox outbox;

    @Inject
    History history;

    @Inject
    Actor actor;

    @Inject
    Clock clock;

    @Inject
    Lights lights;

    @Inject
    TaskService tasks;

    @Inject
    TaskViews views;

    @Inject
    Preconditions preconditions;

    @Inject
    Access access;

    @Inject
    TaskPlans plans;

    @Inject
    ReportEvidence evidenceFiles;

    @Inject
    Event<AssignmentLifecycle.DeadlineChanged> deadlineChanged;

    @Inject
    Event<AssignmentLifecycle.Closed> closed;

    @Inject
    Event<AssignmentLifecycle.ProgressReported> progressReported;

    // --- unit actions ------------------------------------------------------------------------------

    public TaskApi.AssignmentView accept(UUID id, TaskApi.Note note) {
        Assignment a = lock(id);
        Change c = apply(a, Lifecycle.Action.ACCEPT, note == null ? null : note.note());
        emit(c, null);
        return views.assignment(a);
    }

    public TaskApi.AssignmentView reportProgress(UUID id, TaskApi.ReportProgress req) {
        return reportProgress(id, req, r -> List.of());
    }

    /**
     * 进展报送 with evidence files (issue 19): {@code attach} runs in this transaction once the report row is
     * written, stores the report's files and returns their names (recorded in the history entry), so the report,
     * its files and its event commit together or not at all.
     */
    public TaskApi.AssignmentView reportProgress(UUID id, TaskApi.ReportProgress req,
                                                 java.util.function.Function<ProgressReport, List<String>> attach) {
        Assignment a = lock(id);
        Change c = apply(a, Lifecycle.Action.REPORT_PROGRESS, null);
        ProgressReport r = new ProgressReport();
        r.id = UUID.randomUUID();
        r.assignmentId = a.id;
        r.summary = req.summary().strip();
        r.percent = req.percent();
        r.evidenceLinks = req.evidenceLinks() == null ? new ArrayList<>() : new ArrayList<>(req.evidenceLinks());
        r.nextSteps = req.nextSteps();
        r.actor = c.actor;
        r.reportedAt = c.at;
        r.persist();
        // fulfils a period of its reporting cycle, if any (issue 19; ReportDues observes it)
        progressReported.fire(new AssignmentLifecycle.ProgressReported(a.id, r.id, r.reportedAt));
        List<String> files = attach.apply(r);
        a.progressPercent = r.percent;
        a.lastProgressAt = r.reportedAt;
        c.details.put("reportId", r.id.toString());
        c.details.put("percent", r.percent);
        c.details.put("summary", r.summary);
        c.details.put("evidenceLinks", r.evidenceLinks);
        if (r.nextSteps != null) {
            c.details.put("nextSteps", r.nextSteps);
        }
        if (!files.isEmpty()) {
            c.details.put("evidenceFiles", files);
        }
        c.percent = r.percent;
        c.summary = r.summary;
        emit(c, null);
        return views.assignment(a);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TaskApi.ProgressView> progressReports(UUID id) {
        readable(id);
        List<ProgressReport> reports = ProgressReport.list("assignmentId = ?1 order by reportedAt desc, id", id);
        Map<UUID, List<TaskApi.EvidenceView>> evidence = evidenceFiles.byReport(reports.stream().map(r -> r.id).toList());
        return reports.stream().map(r -> TaskApi.ProgressView.of(r, evidence)).toList();
    }

    public TaskApi.AssignmentView submit(UUID id, TaskApi.Note note) {
        Assignment a = lock(id);
        emit(apply(a, Lifecycle.Action.SUBMIT, note == null ? null : note.note()), null);
        return views.assignment(a);
    }

    /** 退回: not this unit's responsibility. The assignment closes; the supervisor may designate another unit. */
    public TaskApi.AssignmentView returnAssignment(UUID id, TaskApi.Reason req) {
        Assignment a = lock(id);
        emit(apply(a, Lifecycle.Action.RETURN, req.reason()), "returned");
        return views.assignment(a);
    }

    public TaskApi.ExtensionView requestExtension(UUID id, TaskApi.RequestExtension req) {
        Assignment a = lock(id);
        check(a, Lifecycle.Action.REQUEST_EXTENSION);
        LocalDate today = lights.today();
        if (a.deadline == null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This assignment has no deadline to extend");
        }
        if (today.isAfter(a.deadline)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "An extension must be requested before the deadline (" + a.deadline + ")");
        }
        if (!req.newDeadline().isAfter(a.deadline)) {
            throw new ProblemException(ProblemType.VALIDATION, "The new deadline must be later than " + a.deadline,
                    List.of(new Problem.FieldError("newDeadline", "must be after " + a.deadline, req.newDeadline().toString())));
        }
        if (ExtensionRequest.count("assignmentId = ?1 and state = ?2", a.id, ExtensionRequest.State.PENDING) > 0) {
            throw ProblemException.conflict("An extension request is already pending for this assignment");
        }
        Change c = apply(a, Lifecycle.Action.REQUEST_EXTENSION, req.reason());
        ExtensionRequest e = new ExtensionRequest();
        e.id = UUID.randomUUID();
        e.assignmentId = a.id;
        e.reason = req.reason().strip();
        e.previousDeadline = a.deadline;
        e.requestedDeadline = req.newDeadline();
        e.state = ExtensionRequest.State.PENDING;
        e.requestedBy = c.actor;
        e.requestedAt = c.at;
        e.persist();
        c.extensionRequestId = e.id;
        c.previousDeadline = e.previousDeadline;
        c.requestedDeadline = e.requestedDeadline;
        c.details.put("extensionRequestId", e.id.toString());
        c.details.put("requestedDeadline", e.requestedDeadline.toString());
        emit(c, null);
        return TaskApi.ExtensionView.of(e);
    }

    // --- supervisor actions ------------------------------------------------------------------------

    public TaskApi.AssignmentView complete(UUID id, TaskApi.Note note) {
        Assignment a = lock(id);
        emit(apply(a, Lifecycle.Action.COMPLETE, note == null ? null : note.note()), "completed");
        return views.assignment(a);
    }

    /** 退回重办: the submitted work is not good enough; the unit works on. */
    public TaskApi.AssignmentView sendBack(UUID id, TaskApi.Reason req) {
        Assignment a = lock(id);
        emit(apply(a, Lifecycle.Action.SEND_BACK, req.reason()), null);
        return views.assignment(a);
    }

    public TaskApi.ExtensionView decideExtension(UUID id, UUID requestId, boolean approve, TaskApi.Note note) {
        Assignment a = lock(id);
        Lifecycle.Action action = approve ? Lifecycle.Action.APPROVE_EXTENSION : Lifecycle.Action.REJECT_EXTENSION;
        check(a, action);
        ExtensionRequest e = ExtensionRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !e.assignmentId.equals(a.id)) {
            throw ProblemException.notFound("No extension request " + requestId + " for assignment " + id);
        }
        if (e.state != ExtensionRequest.State.PENDING) {
            throw new ProblemException(ProblemType.ILLEGAL_TRANSITION, "The extension request was already " + e.state,
                    List.of(), Map.of("currentState", e.state.name(), "allowedActions", List.of()));
        }
        String reason = note == null ? null : note.note();
        Change c = apply(a, action, reason);
        e.state = approve ? ExtensionRequest.State.APPROVED : ExtensionRequest.State.REJECTED;
        e.decidedBy = c.actor;
        e.decidedAt = c.at;
        e.decisionReason = reason;
        c.extensionRequestId = e.id;
        c.previousDeadline = a.deadline;
        c.requestedDeadline = e.requestedDeadline;
        c.details.put("extensionRequestId", e.id.toString());
        c.details.put("requestedDeadline", e.requestedDeadline.toString());
        if (approve) {
            c.details.put("previousDeadline", String.valueOf(a.deadline));
            a.deadline = e.requestedDeadline;
            deadlineChanged.fire(new AssignmentLifecycle.DeadlineChanged(a.id, a.deadline));
        }
        emit(c, null);
        return TaskApi.ExtensionView.of(e);
    }

    public TaskApi.AssignmentView urge(UUID id, TaskApi.Urge req) {
        Assignment a = lock(id);
        Change c = apply(a, Lifecycle.Action.URGE, null);
        c.message = req.message().strip();
        c.details.put("message", c.message);
        emit(c, null);
        return views.assignment(a);
    }

    public TaskApi.AssignmentView changeDeadline(UUID id, TaskApi.ChangeDeadline req) {
        Assignment a = lock(id);
        check(a, Lifecycle.Action.CHANGE_DEADLINE);
        if (req.deadline().equals(a.deadline)) {
            throw new ProblemException(ProblemType.VALIDATION, "The assignment is already due on " + a.deadline,
                    List.of(new Problem.FieldError("deadline", "unchanged", req.deadline().toString())));
        }
        Change c = apply(a, Lifecycle.Action.CHANGE_DEADLINE, req.reason());
        c.previousDeadline = a.deadline;
        c.details.put("previousDeadline", String.valueOf(a.deadline));
        c.details.put("deadline", req.deadline().toString());
        a.deadline = req.deadline();
        deadlineChanged.fire(new AssignmentLifecycle.DeadlineChanged(a.id, a.deadline));
        emit(c, null);
        return views.assignment(a);
    }

    public TaskApi.AssignmentView cancel(UUID id, TaskApi.Reason req) {
        Assignment a = lock(id);
        emit(apply(a, Lifecycle.Action.CANCEL, req.reason()), "cancelled");
        return views.assignment(a);
    }

    // --- open groups: claim and designate ----------------------------------------------------------

    /**
     * 认领: a unit takes on a task addressed to an open group; it owes the task from now on (accepted). Only a
     * unit the group could contain may ({@link OpenGroupScope}); any other is a 403 and nothing changes.
     */
    public TaskApi.AssignmentView claim(UUID taskId, TaskApi.Claim req) {
        access.requireActForAll(List.of(req.unitCode()), "The claim");
        Task task = liveTask(taskId, req.group(), true);
        Map<String, UnitReplica> units = Units.requireActive(List.of(new Units.Ref("unitCode", req.unitCode())));
        requireCandidate(task, req.group(), units.get(req.unitCode()));
        requireNotAssigned(task, List.of(req.unitCode()), "unitCode");
        TaskParts parts = tasks.parts(); // the task.assigned and the task.claimed: one look-up for both
        Assignment a = tasks.open(parts, task, req.unitCode(), units.get(req.unitCode()).name, Assignment.Role.RESPONSIBLE,
                Assignment.Origin.CLAIMED, policyOf(task), OffsetDateTime.now(clock));
        Change c = new Change(a, null, "claim", Assignment.State.ASSIGNED, Assignment.State.ACCEPTED, null);
        a.state = Assignment.State.ACCEPTED;
        if (req.group() != null) {
            c.details.put("group", req.group());
        }
        write(c, org.duban.events.task.TaskEvents.CLAIMED, parts);
        return views.assignment(a);
    }

    /**
     * The supervisor designates units for a task: for an open group (市直有关单位), or to replace a unit
     * that returned it. One new assignment each.
     */
    public TaskApi.TaskView designate(UUID taskId, TaskApi.Designate req) {
        Task task = liveTask(taskId, req.group(), false);
        List<Units.Ref> refs = new ArrayList<>();
        for (int i = 0; i < req.unitCodes().size(); i++) {
            refs.add(new Units.Ref("unitCodes[" + i + "]", req.unitCodes().get(i)));
        }
        if (req.unitCodes().stream().distinct().count() != req.unitCodes().size()) {
            throw new ProblemException(ProblemType.VALIDATION, "A unit is listed more than once",
                    List.of(Problem.FieldError.of("unitCodes", "listed twice")));
        }
        Map<String, UnitReplica> units = Units.requireActive(refs);
        requireNotAssigned(task, req.unitCodes(), "unitCodes");
        OffsetDateTime now = OffsetDateTime.now(clock);
        AssignmentLifecycle.ReminderPolicy policy = policyOf(task);
        // set-based: the assignments in one JDBC batch, the events (task.assigned, task.designated per unit, in
        // that order) and the history rows in one statement each, whatever the number of units; the events'
        // task part (the lead's name, the plan) looked up once for all
        WriteSet writes = new WriteSet();
        TaskParts parts = tasks.parts(writes);
        units.values().forEach(u -> parts.knowName(u.code, u.name));
        for (String code : req.unitCodes()) {
            Assignment a = tasks.open(writes, task, code, units.get(code).name, Assignment.Role.RESPONSIBLE,
                    Assignment.Origin.DESIGNATED, policy, now);
            Change c = new Change(a, null, "designate", null, a.state, req.reason());
            if (req.group() != null) {
                c.details.put("group", req.group());
            }
            writes.history(new History.Entry(a.task.id, a.id, a.unitCode, c.slug, c.from, c.to, c.reason, c.details));
            writes.event(org.duban.events.task.TaskEvents.DESIGNATED.topic(), a.task.id.toString(),
                    org.duban.events.task.TaskEvents.DESIGNATED.name(), a.id.toString(), transition(c, parts));
        }
        tasks.write(writes);
        return views.task(task);
    }

    // --- reading -----------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskApi.AssignmentView get(UUID id) {
        return views.assignment(readable(id));
    }

    // --- the machinery -----------------------------------------------------------------------------

    /** One change being made: what the history row and the event will say. */
    final class Change {
        final Assignment a;
        final Lifecycle.Action action;
        final String slug;
        final Assignment.State from;
        final Assignment.State to;
        final String reason;
        final String actor = AssignmentService.this.actor.name();
        final OffsetDateTime at = OffsetDateTime.now(clock);
        final Map<String, Object> details = new LinkedHashMap<>();
        String message;
        Integer percent;
        String summary;
        UUID extensionRequestId;
        LocalDate previousDeadline;
        LocalDate requestedDeadline;

        Change(Assignment a, Lifecycle.Action action, String slug, Assignment.State from, Assignment.State to, String reason) {
            this.a = a;
            this.action = action;
            this.slug = slug;
            this.from = from;
            this.to = to;
            this.reason = reason == null || reason.isBlank() ? null : reason.strip();
        }
    }

    private Change apply(Assignment a, Lifecycle.Action action, String reason) {
        Assignment.State from = a.state;
        Assignment.State to = check(a, action);
        Change c = new Change(a, action, action.slug(), from, to, reason);
        a.state = to;
        a.updatedAt = c.at;
        if (Lifecycle.isClosed(to)) {
            a.closedAt = c.at;
        }
        return c;
    }

    private void emit(Change c, String closedReason) {
        write(c, TaskEvents.typeOf(c.action), tasks.parts());
        if (closedReason != null) {
            closed.fire(new AssignmentLifecycle.Closed(c.a.id, closedReason));
        }
    }

    private void write(Change c, EventType<TaskTransition> type, TaskParts parts) {
        Assignment a = c.a;
        history.record(a.task.id, a.id, a.unitCode, c.slug, c.from, c.to, c.reason, c.details);
        // the task part: the plan and the unit names looked up once for the write (TaskParts)
        outbox.add(type.topic(), a.task.id.toString(), type.name(), a.id.toString(), transition(c, parts));
        Assignment.getEntityManager().flush(); // the answer shows the new version (the next If-Match)
    }

    private static TaskTransition transition(Change c, TaskParts parts) {
        return new TaskTransition(parts.of(c.a), c.slug, TaskEvents.state(c.from), TaskEvents.state(c.to),
                c.actor, c.at, c.reason, c.message, c.percent, c.summary, c.extensionRequestId,
                c.previousDeadline, c.requestedDeadline);
    }

    private static Assignment.State check(Assignment a, Lifecycle.Action action) {
        try {
            return Lifecycle.next(a.state, action);
        } catch (Lifecycle.IllegalTransition e) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("currentState", e.state.name());
            ext.put("action", e.action.slug());
            ext.put("allowedActions", e.allowed.stream().map(Lifecycle.Action::slug).toList());
            throw new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                    "Cannot " + e.action.slug() + " an assignment that is " + e.state, List.of(), ext);
        }
    }

    /** The assignment, locked, if the caller may act for its unit and If-Match (when sent) names its version. */
    private Assignment lock(UUID id) {
        Assignment a = Assignment.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("No assignment with id " + id);
        }
        access.requireActFor(a.unitCode, "Assignment " + id);
        preconditions.check(a);
        return a;
    }

    /** The assignment, if the caller may read its unit's work. */
    private Assignment readable(UUID id) {
        Assignment a = Assignment.findById(id);
        if (a == null) {
            throw ProblemException.notFound("No assignment with id " + id);
        }
        access.requireRead(a.unitCode, "Assignment " + id);
        return a;
    }

    /** A task that units may claim or be designated for: live (its plan published); for claims, addressed to an open group. */
    private Task liveTask(UUID taskId, String group, boolean openGroupRequired) {
        Task task = Task.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw ProblemException.notFound("No task with id " + taskId);
        }
        if (task.planId != null) {
            TaskPlans.Facts plan = plans.of(task.planId);
            if (!plan.published()) {
                throw new ProblemException(ProblemType.ILLEGAL_TRANSITION, "The task's plan is not published yet",
                        List.of(), Map.of("currentState", plan.state(), "allowedActions", List.of()));
            }
        }
        if (openGroupRequired && task.openGroups.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The task is not addressed to an open group");
        }
        if (group != null && !task.openGroups.contains(group)) {
            throw new ProblemException(ProblemType.VALIDATION, "The task is not addressed to " + group,
                    List.of(new Problem.FieldError("group", "not one of the task's open groups " + task.openGroups, group)));
        }
        return task;
    }

    /** The unit could be one of the open group named (or, when none is named, of one of the task's open groups). */
    private static void requireCandidate(Task task, String group, UnitReplica unit) {
        List<OpenGroupScope> scopes = (group != null ? List.of(group) : task.openGroups).stream()
                .map(OpenGroupScope::lookup).toList();
        if (scopes.stream().noneMatch(s -> s.admits(unit.code, unit.type))) {
            throw Access.forbidden("Unit " + unit.code + " (" + unit.type + ") is not one of the units "
                    + String.join(", ", scopes.stream().map(OpenGroupScope::describe).toList())
                    + " could contain, so it cannot claim this task; the supervising office can designate it");
        }
    }

    private static void requireNotAssigned(Task task, List<String> codes, String field) {
        Map<String, Assignment> existing = new HashMap<>();
        task.assignments.forEach(a -> existing.put(a.unitCode, a));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            Assignment a = existing.get(codes.get(i));
            if (a != null) {
                errors.add(new Problem.FieldError(codes.size() == 1 && field.equals("unitCode") ? field : field + "[" + i + "]",
                        "already assigned (" + a.state + ")", codes.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "The unit already has an assignment for this task", errors);
        }
    }

    private AssignmentLifecycle.ReminderPolicy policyOf(Task task) {
        if (task.planId == null) {
            return AssignmentLifecycle.ReminderPolicy.DEFAULT;
        }
        return plans.of(task.planId).reminderPolicy();
    }
}
