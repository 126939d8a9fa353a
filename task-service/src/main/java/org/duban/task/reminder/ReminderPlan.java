package org.duban.task.reminder;

import org.duban.common.calendar.WorkingDays;
import org.duban.task.time.ClockProducer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * When the reminders of a deadline are due (pure; the rules are documented in docs/architecture.md):
 * <ul>
 * <li>APPROACHING, threshold N: at {@code timeOfDay} (09:00 Asia/Shanghai) on the working day from
 *     which exactly N working days remain up to and including the deadline day, i.e. N working days
 *     before the deadline's last working day. Deadline Friday 2020-10-09, N = 1: Wednesday 09-30
 *     (10-01..08 are the National Day holiday).</li>
 * <li>OVERDUE: at {@code timeOfDay} on the first working day after the deadline, then on every
 *     following working day (the next one is created when one fires).</li>
 * <li>Slots already in the past when the reminders are planned are not created: a task given two
 *     days before its deadline gets only the 1-day reminder, no stale 5- and 3-day ones; a deadline
 *     already passed gets its first overdue reminder at the next slot from now.</li>
 * </ul>
 */
public final class ReminderPlan {

    /** REPORT_DUE and REPORT_OVERDUE: a periodic report's reminders (issue 19, planned by ReportDues). */
    public enum Kind { APPROACHING, OVERDUE, REPORT_DUE, REPORT_OVERDUE }

    public record Slot(Kind kind, int threshold, LocalDate day, Instant dueAt) {
    }

    private ReminderPlan() {
    }

    public static Instant at(LocalDate day, LocalTime timeOfDay) {
        return day.atTime(timeOfDay).atZone(ClockProducer.ZONE).toInstant();
    }

    /** The working day from which {@code n} working days remain until {@code deadline}. */
    public static LocalDate approachingDay(LocalDate deadline, int n, WorkingDays wd) {
        LocalDate last = wd.isWorkingDay(deadline) ? deadline : wd.addWorkingDays(deadline, -1);
        return wd.addWorkingDays(last, -n);
    }

    /** The reminders to create now for a deadline: future slots only. */
    public static List<Slot> plan(LocalDate deadline, List<Integer> daysBefore, boolean overdueDaily, Instant now,
                                  WorkingDays wd, LocalTime timeOfDay) {
        List<Slot> slots = new ArrayList<>();
        if (deadline == null) {
            return slots;
        }
        for (int n : new TreeSet<>(daysBefore).descendingSet()) {
            if (n <= 0) {
                continue;
            }
            LocalDate day = approachingDay(deadline, n, wd);
            Instant due = at(day, timeOfDay);
            if (!due.isBefore(now)) {
                slots.add(new Slot(Kind.APPROACHING, n, day, due));
            }
        }
        if (overdueDaily) {
            slots.add(firstOverdue(deadline, now, wd, timeOfDay));
        }
        return slots;
    }

    /** The first overdue slot at or after {@code now}. */
    public static Slot firstOverdue(LocalDate deadline, Instant now, WorkingDays wd, LocalTime timeOfDay) {
        LocalDate day = wd.addWorkingDays(deadline, 1);
        if (at(day, timeOfDay).isBefore(now)) {
            LocalDate today = now.atZone(ClockProducer.ZONE).toLocalDate();
            day = wd.isWorkingDay(today) && !at(today, timeOfDay).isBefore(now) ? today : wd.addWorkingDays(today, 1);
        }
        return new Slot(Kind.OVERDUE, wd.workingDaysBetween(deadline, day), day, at(day, timeOfDay));
    }

    /** The overdue slot after one that fired on {@code firedOn}: the next working day. */
    public static Slot nextOverdue(LocalDate deadline, LocalDate firedOn, WorkingDays wd, LocalTime timeOfDay) {
        LocalDate day = wd.addWorkingDays(firedOn, 1);
        return new Slot(Kind.OVERDUE, wd.workingDaysBetween(deadline, day), day, at(day, timeOfDay));
    }
}
