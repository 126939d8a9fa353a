package org.duban.common.calendar;

import java.time.LocalDate;

/**
 * Working-day arithmetic on the calendar of statutory holidays and adjusted working days (调休).
 * {@link WorkingDayCalendar} is the one implementation; the services' calendar beans (task-service's
 * calendar, notification-service's replica) delegate to their current copy of it.
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
