package org.duban.task.task;

import org.duban.task.history.History;

import java.util.List;

/**
 * What {@link AssignmentLifecycle.Opened} of assignments new in a {@link WriteSet} ({@link TaskService#openNew}: a
 * created task's, a published plan's) owes, written as a part of {@link TaskService#write}'s one statement instead of
 * a statement of its own at commit: the reminders' schedules and rows (issue 16, hpost2: a created task was that
 * statement plus one). Implemented by the reminders; what cannot go into the statement it still does at commit.
 */
public interface NewAssignmentReminders {

    /** The data-modifying CTE ({@link History.Before}) that writes what the new assignments of {@code opened} owe. */
    History.Before part(List<AssignmentLifecycle.Opened> opened);
}
