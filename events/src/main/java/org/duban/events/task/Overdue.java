package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.OffsetDateTime;

/**
 * {@code task.overdue} (超期提醒): the deadline passed and the unit still owes the task; fired on every working day
 * after the deadline until the assignment is closed.
 *
 * @param daysOverdue working days after the deadline up to and including today, when it fired (≥ 1)
 * @param threshold   the working day count it was planned for
 * @param reminderId  the reminder row
 * @param dueAt       when it was due
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Overdue(TaskPart task, int daysOverdue, int threshold, long reminderId, OffsetDateTime dueAt)
        implements TaskEvent {
}
