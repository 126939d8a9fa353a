package org.duban.task.task;

import org.duban.events.EventType;
import org.duban.events.task.TaskTransition;

/**
 * task-service's side of duban.task-events: the records, types and topic are the events module's
 * ({@link org.duban.events.task.TaskEvents}, described by its asyncapi.yaml); here only which type each lifecycle
 * action emits. The shared task part of every event is built by {@link TaskParts}.
 */
public final class TaskEvents {
    private TaskEvents() {
    }

    public static final String TOPIC = org.duban.events.task.TaskEvents.TOPIC;

    /** The event type of each lifecycle action ({@code task.<slug>} in the past tense). */
    public static EventType<TaskTransition> typeOf(Lifecycle.Action action) {
        return switch (action) {
            case ACCEPT -> org.duban.events.task.TaskEvents.ACCEPTED;
            case REPORT_PROGRESS -> org.duban.events.task.TaskEvents.PROGRESS_REPORTED;
            case SUBMIT -> org.duban.events.task.TaskEvents.SUBMITTED;
            case COMPLETE -> org.duban.events.task.TaskEvents.COMPLETED;
            case SEND_BACK -> org.duban.events.task.TaskEvents.SENT_BACK;
            case RETURN -> org.duban.events.task.TaskEvents.RETURNED;
            case REQUEST_EXTENSION -> org.duban.events.task.TaskEvents.EXTENSION_REQUESTED;
            case APPROVE_EXTENSION -> org.duban.events.task.TaskEvents.EXTENSION_APPROVED;
            case REJECT_EXTENSION -> org.duban.events.task.TaskEvents.EXTENSION_REJECTED;
            case URGE -> org.duban.events.task.TaskEvents.URGED;
            case CHANGE_DEADLINE -> org.duban.events.task.TaskEvents.DEADLINE_CHANGED;
            case CANCEL -> org.duban.events.task.TaskEvents.CANCELLED;
        };
    }

    static TaskTransition.State state(Assignment.State s) {
        return s == null ? null : TaskTransition.State.valueOf(s.name());
    }
}
