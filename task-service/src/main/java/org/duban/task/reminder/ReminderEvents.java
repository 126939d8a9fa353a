package org.duban.task.reminder;

import org.duban.events.EventType;
import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.Overdue;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskEvents;

/**
 * The reminder events on duban.task-events (key = task id, subject = assignment id): their records are the events
 * module's ({@link DeadlineApproaching}, {@link Overdue}), each with the full task part, so a reminder names the
 * task, its plan, its lead unit and the unit it reminds without any earlier event. A reporting cycle's reminders
 * ({@link ReportDue}, {@link ReportOverdue}, issue 19) carry the same task part plus the period. Catalogued in docs/events.md.
 */
public final class ReminderEvents {
    private ReminderEvents() {
    }

    public static final EventType<DeadlineApproaching> DEADLINE_APPROACHING = TaskEvents.DEADLINE_APPROACHING;
    public static final EventType<Overdue> OVERDUE = TaskEvents.OVERDUE;
    public static final EventType<ReportDue> REPORT_DUE = TaskEvents.REPORT_DUE;
    public static final EventType<ReportOverdue> REPORT_OVERDUE = TaskEvents.REPORT_OVERDUE;
}
