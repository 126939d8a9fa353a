package org.duban.task.task;

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

    public static final String TOPIC = "duban.task-events";
    public static final String TASK_ASSIGNED = "task.assigned";

    /** {@code task.assigned}: a unit now owes a task. Subject: the assignment id. */
    public record TaskAssigned(UUID taskId, UUID assignmentId, String unitCode, String unitName,
                               Assignment.Role role, String title, LocalDate deadline, OffsetDateTime assignedAt) {
        static TaskAssigned of(Assignment a, String unitName) {
            return new TaskAssigned(a.task.id, a.id, a.unitCode, unitName, a.role, a.task.title, a.task.deadline,
                    a.createdAt);
        }
    }
}
