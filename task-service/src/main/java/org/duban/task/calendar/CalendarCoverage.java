package org.duban.task.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the working-day calendar covers the years deadlines are counted in (issue 15). A year is
 * covered when it has at least one holiday entered (no Chinese year has none: the shipped State
 * Council notice or a supervisor's entries). Without it every deadline in that year is counted on
 * the plain week: 国庆 and 春节 count as working days. The current year must be covered; the next
 * one from {@link #NEXT_YEAR_FROM} (1 December: the notice for the next year is usually out by then,
 * and deadlines set in December reach into January). Pure.
 */
public final class CalendarCoverage {

    /** From this day on, the next year missing is a warning too. */
    public static final MonthDay NEXT_YEAR_FROM = MonthDay.of(12, 1);

    private CalendarCoverage() {
    }

    /** What an operator must do, or empty when the calendar covers what it must on {@code today}. */
    public static Optional<String> warning(Set<Integer> coveredYears, LocalDate today) {
        int year = today.getYear();
        boolean current = coveredYears.contains(year);
        boolean nextNeeded = !MonthDay.from(today).isBefore(NEXT_YEAR_FROM);
        boolean next = !nextNeeded || coveredYears.contains(year + 1);
        if (current && next) {
            return Optional.empty();
        }
        String missing = !current && !next ? year + " and " + (year + 1) : String.valueOf(current ? year + 1 : year);
        return Optional.of("the working-day calendar has no holidays for " + missing
                + ": deadlines there are counted on the plain week; enter the State Council's notice"
                + " (POST /api/v1/calendar/notices/preview, then /confirm) or upgrade to a release that ships it");
    }
}
