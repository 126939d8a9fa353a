package org.duban.common.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one definition of working-day arithmetic in Duban (issue 18): the plain week (Monday-Friday)
 * corrected by the dated exceptions, holidays (放假) and weekend working days (调休上班). task-service
 * feeds it from its calendar table, notification-service from its replica of duban.calendar; with no
 * exceptions it is the plain week. Immutable; pure Java.
 * <p>
 * Every operation costs the same whatever the span: the plain week is counted with arithmetic on
 * epoch days, and the exceptions that change a day's status are held as a sorted array with prefix
 * sums, so a count is two binary searches and adding working days is a binary search over counts.
 * (The calendar used to walk day by day: one request for 0001-01-01..9999-12-31 took 0.7 s.)
 */
public final class WorkingDayCalendar implements WorkingDays {

    /** Weekdays among the first r days of a week that starts on a Thursday (1970-01-01, epoch day 0). */
    private static final int[] WEEKDAYS_BEFORE = {0, 1, 2, 2, 2, 3, 4};

    private final Map<LocalDate, DayKind> exceptions;
    /** Epoch days of the exceptions that change the plain week's verdict, ascending. */
    private final long[] changedDays;
    /** changeSums[i] = sum of the changes (+1 a worked weekend day, -1 a weekday off) of changedDays[0..i). */
    private final int[] changeSums;

    public WorkingDayCalendar(Map<LocalDate, DayKind> exceptions) {
        TreeMap<LocalDate, DayKind> sorted = new TreeMap<>(exceptions);
        this.exceptions = Map.copyOf(sorted);
        long[] days = new long[sorted.size()];
        int[] sums = new int[sorted.size() + 1];
        int n = 0;
        for (Map.Entry<LocalDate, DayKind> e : sorted.entrySet()) {
            boolean plain = isWeekday(e.getKey());
            boolean working = e.getValue() == DayKind.WORKDAY;
            if (plain != working) {
                days[n] = e.getKey().toEpochDay();
                sums[n + 1] = sums[n] + (working ? 1 : -1);
                n++;
            }
        }
        this.changedDays = Arrays.copyOf(days, n);
        this.changeSums = Arrays.copyOf(sums, n + 1);
    }

    /** A calendar with no exceptions: the plain week. */
    public static WorkingDayCalendar plainWeek() {
        return new WorkingDayCalendar(Map.of());
    }

    /** The years with at least one holiday (放假) entered: those the State Council's notice, or a supervisor, covered. */
    public SortedSet<Integer> yearsWithHolidays() {
        SortedSet<Integer> years = new TreeSet<>();
        exceptions.forEach((day, kind) -> {
            if (kind == DayKind.HOLIDAY) {
                years.add(day.getYear());
            }
        });
        return years;
    }

    /** The exception entered for {@code date}, or null when it follows the plain week. */
    public DayKind exception(LocalDate date) {
        return exceptions.get(date);
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        DayKind k = exceptions.get(date);
        if (k != null) {
            return k == DayKind.WORKDAY;
        }
        return isWeekday(date);
    }

    private static boolean isWeekday(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /**
     * {@inheritDoc}
     * <p>Saturates at {@link Integer#MAX_VALUE} / {@link Integer#MIN_VALUE}: any two {@link LocalDate}s
     * are counted at the same cost, and a date an event carried unchecked (the year 999999999) gives
     * the largest count rather than an overflow. The APIs bound the dates callers send (DateRange).
     */
    @Override
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        long n = countBetween(from.toEpochDay(), to.toEpochDay());
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    /** Working days in (from, to] in epoch days; negative when to is before from. */
    private long countBetween(long from, long to) {
        return workingDaysUpTo(to) - workingDaysUpTo(from);
    }

    /**
     * Working days on or before epoch day {@code day}, counted from an arbitrary origin: only
     * differences of two values mean anything.
     */
    private long workingDaysUpTo(long day) {
        long next = day + 1;
        long weekdays = 5 * Math.floorDiv(next, 7) + WEEKDAYS_BEFORE[(int) Math.floorMod(next, 7)];
        return weekdays + changeSums[changesUpTo(day)];
    }

    /** How many changed days are on or before {@code day}. */
    private int changesUpTo(long day) {
        int i = Arrays.binarySearch(changedDays, day);
        return i >= 0 ? i + 1 : -i - 1;
    }

    @Override
    public LocalDate addWorkingDays(LocalDate date, int n) {
        if (n == 0) {
            return date;
        }
        long start = date.toEpochDay();
        long want = Math.abs((long) n);
        int step = n > 0 ? 1 : -1;
        // the answer is the nearest day d (after start for n > 0, before it for n < 0) with `want`
        // working days between: find a span that holds them (the plain week gives 5 in every 7
        // days, exceptions are finite, so doubling ends), then bisect on the monotonic count
        long span = (want / 5 + 1) * 7 + 7;
        while (workingDaysWithin(start, step, span) < want) {
            span *= 2;
        }
        long lo = 1;
        long hi = span;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (workingDaysWithin(start, step, mid) >= want) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return LocalDate.ofEpochDay(start + step * lo);
    }

    /** Working days among the {@code span} days next to {@code start} in the direction {@code step}. */
    private long workingDaysWithin(long start, int step, long span) {
        return step > 0 ? countBetween(start, start + span) : countBetween(start - span - 1, start - 1);
    }

    /** The date itself when it is a working day, else the last working day before it. */
    public LocalDate lastWorkingDayOnOrBefore(LocalDate date) {
        return isWorkingDay(date) ? date : addWorkingDays(date, -1);
    }
}
