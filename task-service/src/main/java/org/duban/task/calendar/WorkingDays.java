package org.duban.task.calendar;

import java.time.LocalDate;

/**
 * Working-day arithmetic on the calendar of statutory holidays and adjusted working days (调休).
 * Implemented by the calendar bean; used by deadlines, reminders and status lights.
 */
public interface WorkingDays {

    boolean isWorkingDay(LocalDate date);

    /**
     * Working days from {@code from} (exclusive) to {@code to} (inclusive); negative when
     * {@code to} is before {@code from}. E.g. Friday to the next Monday = 1 on a plain week.
     */
    int workingDaysBetween(LocalDate from, LocalDate to);

    /** The date {@code n} working days after {@code date} (before it when n is negative). */
    LocalDate addWorkingDays(LocalDate date, int n);
}
