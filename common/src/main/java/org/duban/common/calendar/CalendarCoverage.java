package org.duban.common.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which years a working-day calendar must cover on a given day (issue 15, shared in issue 18): the
 * current year, and from {@link #NEXT_YEAR_FROM} (1 December: the State Council's notice for the next
 * year is usually out by then, and deadlines set in December reach into January) the next one too.
 * A year not covered is counted on the plain week: 国庆 and 春节 count as working days. Each service
 * words its own warning (task-service: enter the notice; notification-service: its replica lacks it).
 * Pure.
 */
public final class CalendarCoverage {

    /** From this day on, the next year missing is a warning too. */
    public static final MonthDay NEXT_YEAR_FROM = MonthDay.of(12, 1);

    private CalendarCoverage() {
    }

    /** The years that must be covered on {@code today} and are not in {@code coveredYears}, ascending. */
    public static List<Integer> missingYears(Set<Integer> coveredYears, LocalDate today) {
        List<Integer> missing = new ArrayList<>(2);
        int year = today.getYear();
        if (!coveredYears.contains(year)) {
            missing.add(year);
        }
        if (!MonthDay.from(today).isBefore(NEXT_YEAR_FROM) && !coveredYears.contains(year + 1)) {
            missing.add(year + 1);
        }
        return missing;
    }

    /** "2026", "2026 and 2027": the years as a warning names them. */
    public static String names(List<Integer> years) {
        return String.join(" and ", years.stream().map(String::valueOf).toList());
    }
}
