package org.duban.notification.inbox;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of a {@code task.assigned} event on duban.task-events (published by task-service;
 * key = task id, {@code ce_subject} = assignment id).
 */
public record TaskAssigned(UUID taskId, UUID assignmentId, String unitCode, String unitName, Role role,
                           String title, LocalDate deadline, OffsetDateTime assignedAt) {

    public static final String TYPE = "task.assigned";

    /** The part a unit plays in a task. */
    public enum Role {
        /** 牵头单位 */
        LEAD,
        /** 责任单位 */
        RESPONSIBLE
    }

    /** What a notification cannot do without; null if complete. */
    public String missingField() {
        if (unitCode == null || unitCode.isBlank()) {
            return "unitCode";
        }
        if (title == null || title.isBlank()) {
            return "title";
        }
        if (role == null) {
            return "role";
        }
        return null;
    }
}
