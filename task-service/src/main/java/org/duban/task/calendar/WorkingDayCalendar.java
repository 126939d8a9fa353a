package org.duban.task.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Working-day arithmetic over the plain week (Monday-Friday) corrected by the days that differ:
 * holidays (放假) and weekend working days (调休上班). Immutable; pure Java.
 */
public final class WorkingDayCalendar implements WorkingDays {

    private final Map<LocalDate, DayKind> exceptions;

    public WorkingDayCalendar(Map<LocalDate, DayKind> exceptions) {
        this.exceptions = Map.copyOf(new TreeMap<>(exceptions));
    }

    /** A calendar with no exceptions: the plain week. */
    public static WorkingDayCalendar plainWeek() {
        return new WorkingDayCalendar(Map.of());
    }

    public DayKind exception(LocalDate date) {
        return exceptions.get(date);
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        DayKind k = exceptions.get(date);
        if (k != null) {
            return k == DayKind.WORKDAY;
        }
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    @Override
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public LocalDate addWorkingDays(LocalDate date, int n) {
        int step = n >= 0 ? 1 : -1;
        LocalDate d = date;
        for (int left = Math.abs(n); left > 0; ) {
            d = d.plusDays(step);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** The date itself when it is a working day, else the last working day before it. */
    public LocalDate lastWorkingDayOnOrBefore(LocalDate date) {
        return isWorkingDay(date) ? date : addWorkingDays(date, -1);
    }
}
