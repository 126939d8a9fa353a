package org.duban.task.reminder;

import org.duban.events.EventType;
import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.Overdue;
import org.duban.events.task.TaskEvents;

/**
 * The reminder events on duban.task-events (key = task id, subject = assignment id): their records are the events
 * module's ({@link DeadlineApproaching}, {@link Overdue}), each with the full task part, so a reminder names the
 * task, its plan, its lead unit and the unit it reminds without any earlier event. Catalogued in docs/events.md.
 */
public final class ReminderEvents {
    private ReminderEvents() {
    }

    public static final EventType<DeadlineApproaching> DEADLINE_APPROACHING = TaskEvents.DEADLINE_APPROACHING;
    public static final EventType<Overdue> OVERDUE = TaskEvents.OVERDUE;
}
