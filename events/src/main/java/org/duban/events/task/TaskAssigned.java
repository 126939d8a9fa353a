package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.OffsetDateTime;

/**
 * {@code task.assigned}: a unit now owes a task. One per assignment: on creating a task, on publishing a plan, for
 * each claimed or designated unit.
 *
 * @param task       the task and the new assignment
 * @param assignedAt when the assignment was made
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskAssigned(TaskPart task, OffsetDateTime assignedAt) implements TaskEvent {
}
