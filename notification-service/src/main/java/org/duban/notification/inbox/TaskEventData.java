package org.duban.notification.inbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The members of any task event on duban.task-events that notifications use: task.assigned, the
 * lifecycle events (TaskEvents.TaskTransition) and the reminders (ReminderEvents). Read leniently:
 * unknown members are ignored, missing ones are null. {@code documentNumber} and
 * {@code leadUnitName} are read when a producer sends them (the plan's 文号, the lead unit).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskEventData(UUID taskId, UUID assignmentId, String unitCode, String unitName, String role,
                            String title, LocalDate deadline, String action, String actor, String reason,
                            String message, Integer percent, String summary, LocalDate previousDeadline,
                            LocalDate requestedDeadline, Integer daysLeft, Integer daysOverdue,
                            String documentNumber, String leadUnitCode, String leadUnitName) {

    public static final String ASSIGNED = "task.assigned";

    /** What a notification of {@code type} cannot do without; null if complete. */
    public String missingField(String type) {
        if (taskId == null) {
            return "taskId";
        }
        if (unitCode == null || unitCode.isBlank()) {
            return "unitCode";
        }
        if (ASSIGNED.equals(type)) {
            if (title == null || title.isBlank()) {
                return "title";
            }
            if (!"LEAD".equals(role) && !"RESPONSIBLE".equals(role)) {
                return "role";
            }
        }
        return null;
    }
}
