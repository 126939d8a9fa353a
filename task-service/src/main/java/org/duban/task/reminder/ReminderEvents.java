package org.duban.task.reminder;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The payloads of the reminder events on duban.task-events (key = task id, subject = assignment
 * id). Catalogued in docs/events.md.
 */
public final class ReminderEvents {
    private ReminderEvents() {
    }

    public static final String DEADLINE_APPROACHING = "task.deadline-approaching";
    public static final String OVERDUE = "task.overdue";

    /** {@code task.deadline-approaching}: {@code daysLeft} working days after today up to the deadline. */
    public record DeadlineApproaching(UUID taskId, UUID assignmentId, String unitCode, LocalDate deadline,
                                      int daysLeft, int threshold, long reminderId, OffsetDateTime dueAt) {
    }

    /** {@code task.overdue}: the deadline passed {@code daysOverdue} working days ago and the unit still owes. */
    public record Overdue(UUID taskId, UUID assignmentId, String unitCode, LocalDate deadline,
                          int daysOverdue, int threshold, long reminderId, OffsetDateTime dueAt) {
    }
}
