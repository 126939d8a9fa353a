package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Every lifecycle event ({@code task.accepted} … {@code task.cancelled}, {@code task.claimed},
 * {@code task.designated}): what happened to which assignment, by whom and why. Members that do not apply to a
 * type are left out of the JSON (docs/events.md lists which appear per type); {@code task} is always there, its
 * {@code deadline} the assignment's after the change.
 *
 * @param action    the action's slug: {@code accept}, {@code report-progress}, …, {@code claim}, {@code designate}
 * @param fromState the state before; absent for {@code designate}
 * @param toState   the state after
 * @param actor     {@code unit:<code>}, {@code integration:oa}, {@code supervisor:<name>}, … or {@code system}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskTransition(TaskPart task, String action, State fromState, State toState, String actor,
                             OffsetDateTime occurredAt, String reason, String message, Integer percent,
                             String summary, UUID extensionRequestId, LocalDate previousDeadline,
                             LocalDate requestedDeadline) implements TaskEvent {

    /** Where an assignment stands. */
    public enum State { ASSIGNED, ACCEPTED, IN_PROGRESS, SUBMITTED, COMPLETED, RETURNED, CANCELLED }
}
