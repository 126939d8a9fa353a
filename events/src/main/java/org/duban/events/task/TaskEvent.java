package org.duban.events.task;

/**
 * An event about one assignment of a task on duban.task-events (key = the task id, subject = the assignment
 * id): it carries the shared {@link TaskPart}.
 */
public sealed interface TaskEvent permits TaskAssigned, TaskTransition, DeadlineApproaching, Overdue, ReportDue,
        ReportOverdue {

    /** The task and assignment the event is about. */
    TaskPart task();
}
