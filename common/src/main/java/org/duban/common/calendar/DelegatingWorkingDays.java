package org.duban.common.calendar;

import java.time.LocalDate;

/**
 * A service's calendar bean that answers from its current in-memory copy ({@link #calendar()}): task-service's
 * calendar and notification-service's replica. The arithmetic itself is {@link WorkingDayCalendar}'s, once.
 */
public interface DelegatingWorkingDays extends WorkingDays {

    /** The calendar as loaded now. */
    WorkingDayCalendar calendar();

    @Override
    default boolean isWorkingDay(LocalDate date) {
        return calendar().isWorkingDay(date);
    }

    @Override
    default int workingDaysBetween(LocalDate from, LocalDate to) {
        return calendar().workingDaysBetween(from, to);
    }

    @Override
    default LocalDate addWorkingDays(LocalDate date, int n) {
        return calendar().addWorkingDays(date, n);
    }
}
