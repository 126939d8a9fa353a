package org.duban.events.task;

import org.duban.events.EventType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The types of duban.task-events (key = task id; plan id for plan.published), written by task-service. */
public final class TaskEvents {
    private TaskEvents() {
    }

    public static final String TOPIC = "duban.task-events";

    public static final EventType<TaskAssigned> ASSIGNED = new EventType<>("task.assigned", TOPIC, TaskAssigned.class);

    public static final EventType<TaskTransition> ACCEPTED = transition("task.accepted");
    public static final EventType<TaskTransition> PROGRESS_REPORTED = transition("task.progress-reported");
    public static final EventType<TaskTransition> SUBMITTED = transition("task.submitted");
    public static final EventType<TaskTransition> COMPLETED = transition("task.completed");
    public static final EventType<TaskTransition> SENT_BACK = transition("task.sent-back");
    public static final EventType<TaskTransition> RETURNED = transition("task.returned");
    public static final EventType<TaskTransition> EXTENSION_REQUESTED = transition("task.extension-requested");
    public static final EventType<TaskTransition> EXTENSION_APPROVED = transition("task.extension-approved");
    public static final EventType<TaskTransition> EXTENSION_REJECTED = transition("task.extension-rejected");
    public static final EventType<TaskTransition> URGED = transition("task.urged");
    public static final EventType<TaskTransition> DEADLINE_CHANGED = transition("task.deadline-changed");
    public static final EventType<TaskTransition> CANCELLED = transition("task.cancelled");
    public static final EventType<TaskTransition> CLAIMED = transition("task.claimed");
    public static final EventType<TaskTransition> DESIGNATED = transition("task.designated");

    public static final EventType<DeadlineApproaching> DEADLINE_APPROACHING =
            new EventType<>("task.deadline-approaching", TOPIC, DeadlineApproaching.class);
    public static final EventType<Overdue> OVERDUE = new EventType<>("task.overdue", TOPIC, Overdue.class);

    /** The reporting-cycle reminders (定期报送, issue 19). */
    public static final EventType<ReportDue> REPORT_DUE = new EventType<>("task.report-due", TOPIC, ReportDue.class);
    public static final EventType<ReportOverdue> REPORT_OVERDUE =
            new EventType<>("task.report-overdue", TOPIC, ReportOverdue.class);

    public static final EventType<PlanPublished> PLAN_PUBLISHED =
            new EventType<>("plan.published", TOPIC, PlanPublished.class);

    /** The lifecycle types, in the order of docs/events.md. */
    public static final List<EventType<TaskTransition>> TRANSITIONS = List.of(ACCEPTED, PROGRESS_REPORTED, SUBMITTED,
            COMPLETED, SENT_BACK, RETURNED, EXTENSION_REQUESTED, EXTENSION_APPROVED, EXTENSION_REJECTED, URGED,
            DEADLINE_CHANGED, CANCELLED, CLAIMED, DESIGNATED);

    /** Every type of the topic. */
    public static final List<EventType<?>> ALL;

    static {
        List<EventType<?>> all = new ArrayList<>();
        all.add(ASSIGNED);
        all.addAll(TRANSITIONS);
        all.add(DEADLINE_APPROACHING);
        all.add(OVERDUE);
        all.add(REPORT_DUE);
        all.add(REPORT_OVERDUE);
        all.add(PLAN_PUBLISHED);
        ALL = Collections.unmodifiableList(all);
    }

    private static EventType<TaskTransition> transition(String name) {
        return new EventType<>(name, TOPIC, TaskTransition.class);
    }
}
