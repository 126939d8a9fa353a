package org.duban.notification.routing;

import java.time.DayOfWeek;
import java.time.LocalDate;

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

    /** Working days in (from, to]; 0 if {@code to} is not after {@code from}. */
    public static int between(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** Working days left until the deadline (positive), or overdue (negative), seen from {@code today}. */
    public static int left(LocalDate today, LocalDate deadline) {
        return deadline.isBefore(today) ? -between(deadline, today) : between(today, deadline);
    }
}
