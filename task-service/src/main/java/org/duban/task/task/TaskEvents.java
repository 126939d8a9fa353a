package org.duban.task.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.duban.common.messaging.Topics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The payloads of the events task-service publishes on duban.task-events (key = task id).
 * Catalogued with their JSON Schemas in docs/events/.
 */
public final class TaskEvents {
    private TaskEvents() {
    }

    public static final String TOPIC = Topics.TASK_EVENTS;
    public static final String TASK_ASSIGNED = "task.assigned";
    public static final String PLAN_PUBLISHED = "plan.published";

    /** The event type of each lifecycle action ({@code task.<slug>} in the past tense). */
    public static String typeOf(Lifecycle.Action action) {
        return switch (action) {
            case ACCEPT -> "task.accepted";
            case REPORT_PROGRESS -> "task.progress-reported";
            case SUBMIT -> "task.submitted";
            case COMPLETE -> "task.completed";
            case SEND_BACK -> "task.sent-back";
            case RETURN -> "task.returned";
            case REQUEST_EXTENSION -> "task.extension-requested";
            case APPROVE_EXTENSION -> "task.extension-approved";
            case REJECT_EXTENSION -> "task.extension-rejected";
            case URGE -> "task.urged";
            case CHANGE_DEADLINE -> "task.deadline-changed";
            case CANCEL -> "task.cancelled";
        };
    }

    public static final String TASK_CLAIMED = "task.claimed";
    public static final String TASK_DESIGNATED = "task.designated";

    /** {@code task.assigned}: a unit now owes a task. Subject: the assignment id. */
    public record TaskAssigned(UUID taskId, UUID assignmentId, String unitCode, String unitName,
                               Assignment.Role role, String title, LocalDate deadline, OffsetDateTime assignedAt,
                               String documentNumber, String leadUnitCode) {
        /** {@code documentNumber}: the plan's 文号, null for a task outside a plan. */
        static TaskAssigned of(Assignment a, String unitName, String documentNumber) {
            return new TaskAssigned(a.task.id, a.id, a.unitCode, unitName, a.role, a.task.title, a.deadline,
                    a.createdAt, documentNumber, a.task.leadUnitCode);
        }
    }

    /**
     * Every lifecycle event ({@code task.accepted} … {@code task.claimed}, {@code task.designated}):
     * what happened to which assignment, by whom and why. Subject: the assignment id. Members that do
     * not apply to a type are left out (see docs/events.md for which appear per type).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskTransition(UUID taskId, UUID assignmentId, String unitCode, String unitName, Assignment.Role role,
                                 String title, String action, Assignment.State fromState, Assignment.State toState,
                                 String actor, OffsetDateTime occurredAt, LocalDate deadline, String reason,
                                 String message, Integer percent, String summary, UUID extensionRequestId,
                                 LocalDate previousDeadline, LocalDate requestedDeadline) {
    }

    /** {@code plan.published}: a draft plan went live. Key and subject: the plan id. */
    public record PlanPublished(UUID planId, String documentNumber, String title, int year, int taskCount,
                                int assignmentCount, int openTaskCount, String actor, OffsetDateTime publishedAt) {
    }
}
