package org.duban.task.task;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * CDI events fired, inside the transaction of the change, whenever an assignment starts owing,
 * gets a new deadline, or stops owing. Reminders (and anything else that follows deadlines)
 * observe them synchronously with {@code @Observes}, so their rows commit with the change.
 */
public final class AssignmentLifecycle {
    private AssignmentLifecycle() {
    }

    /** When a unit is reminded: working days before the deadline, and daily once overdue. */
    public record ReminderPolicy(List<Integer> daysBefore, boolean overdueDaily) {
        public static final ReminderPolicy DEFAULT = new ReminderPolicy(List.of(5, 3, 1), true);
    }

    /** An assignment now owes its task (created, published, designated, claimed). Deadline null = none. */
    public record Opened(UUID assignmentId, UUID taskId, String unitCode, LocalDate deadline, ReminderPolicy policy) {
    }

    /** The assignment's deadline changed (extension approved, deadline changed by the supervisor). */
    public record DeadlineChanged(UUID assignmentId, LocalDate deadline) {
    }

    /** A progress report was made (it may fulfil a period of the task's reporting cycle, issue 19). */
    public record ProgressReported(UUID assignmentId, UUID reportId, OffsetDateTime reportedAt) {
    }

    /** The assignment no longer owes anything (completed, cancelled, returned, reassigned). */
    public record Closed(UUID assignmentId, String reason) {
    }
}
