package org.duban.task.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the working-day calendar covers the years deadlines are counted in (issue 15). A year is
 * covered when it has at least one holiday entered (no Chinese year has none: the shipped State
 * Council notice or a supervisor's entries). Without it every deadline in that year is counted on
 * the plain week: 国庆 and 春节 count as working days. Which years must be covered on a day is
 * common's {@link org.duban.common.calendar.CalendarCoverage} (notification-service's replica asks the
 * same); this class words task-service's warning. Pure.
 */
public final class CalendarCoverage {

    private CalendarCoverage() {
    }

    /** What an operator must do, or empty when the calendar covers what it must on {@code today}. */
    public static Optional<String> warning(Set<Integer> coveredYears, LocalDate today) {
        List<Integer> missing = org.duban.common.calendar.CalendarCoverage.missingYears(coveredYears, today);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the working-day calendar has no holidays for "
                + org.duban.common.calendar.CalendarCoverage.names(missing)
                + ": deadlines there are counted on the plain week; enter the State Council's notice"
                + " (POST /api/v1/calendar/notices/preview, then /confirm) or upgrade to a release that ships it");
    }
}
