package org.duban.task.reminder;

import org.duban.common.calendar.WorkingDays;
import org.duban.task.task.AssignmentLifecycle;

import java.time.LocalDate;
import java.util.Collection;

/**
 * The reminders of periodic reports (issue 19), planned beside the deadline reminders: told by {@link Reminders},
 * in its batch, of the assignments opened and of calendar changes. Owned here and implemented by report's
 * {@code ReportDues}, so that report depends on reminder and not the reverse (issue 18).
 */
public interface PeriodicReminders {

    /** Assignments that now owe their task: those under a reporting cycle owe its periods from today on. */
    void opened(Collection<AssignmentLifecycle.Opened> opened);

    /** Days from {@code from} on changed in the calendar; returns the number of assignments re-planned. */
    int calendarChanged(LocalDate from, WorkingDays after);
}
