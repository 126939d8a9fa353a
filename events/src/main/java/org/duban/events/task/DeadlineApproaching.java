package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.OffsetDateTime;

/**
 * {@code task.deadline-approaching} (到期提醒): fired by task-service's reminder scheduler on the working day
 * from which {@code threshold} working days remain.
 *
 * @param daysLeft   working days after today up to and including the deadline, when it fired (≥ 0)
 * @param threshold  the policy's threshold (working days before)
 * @param reminderId the reminder row
 * @param dueAt      when it was due (it fires in the first scheduler pass after)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadlineApproaching(TaskPart task, int daysLeft, int threshold, long reminderId, OffsetDateTime dueAt)
        implements TaskEvent {
}
