package org.duban.notification.routing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Working days as Monday to Friday. notification-service has no holiday calendar (task-service
 * owns it and is not called synchronously); reminder events carry task-service's own counts
 * (daysLeft, daysOverdue), which win over this estimate.
 */
public final class WorkingDays {
    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * Working days in (from, to]; 0 if {@code to} is not after {@code from}. Whole weeks are counted
     * at once: a deadline in the year 999999999 (a typo that got through) takes no longer than one next week.
     */
    public static int between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        if (days <= 0) {
            return 0;
        }
        long weeks = days / 7;
        long n = weeks * 5;
        // the last days one by one, never stepping past {@code to} (LocalDate.MAX has no next day)
        for (long i = weeks * 7 + 1; i <= days; i++) {
            if (isWorkingDay(from.plusDays(i))) {
                n++;
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** Working days left until the deadline (positive), or overdue (negative), seen from {@code today}. */
    public static int left(LocalDate today, LocalDate deadline) {
        return deadline.isBefore(today) ? -between(deadline, today) : between(today, deadline);
    }
}
