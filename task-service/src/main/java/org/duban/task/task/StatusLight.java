package org.duban.task.task;

import org.duban.common.calendar.WorkingDays;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * 红黄绿灯: how an open assignment stands. RED: overdue. YELLOW: due within its warning window
 * (working days, the plan's largest reminder threshold), or its reported percent trails the elapsed
 * share of its time by more than {@link #GRACE_POINTS}. GREEN otherwise, and once submitted.
 * Closed assignments (completed, returned, cancelled) have no light. Pure: the caller passes the day.
 */
public enum StatusLight {
    GREEN, YELLOW, RED;

    /** Percentage points a unit may trail the elapsed share of its time before its light turns yellow. */
    public static final int GRACE_POINTS = 20;

    public static StatusLight of(Assignment.State state, LocalDate openedOn, LocalDate deadline, int warnDays,
                                 int percent, LocalDate today, WorkingDays days) {
        if (Lifecycle.isClosed(state)) {
            return null;
        }
        if (state == Assignment.State.SUBMITTED || deadline == null) {
            return GREEN;
        }
        if (today.isAfter(deadline)) {
            return RED;
        }
        if (!deadline.isAfter(lastWarnDay(today, warnDays, days)) || behind(openedOn, deadline, percent, today)) {
            return YELLOW;
        }
        return GREEN;
    }

    /** The last date that is at most {@code warnDays} working days after {@code today}. */
    public static LocalDate lastWarnDay(LocalDate today, int warnDays, WorkingDays days) {
        return days.addWorkingDays(today, warnDays + 1).minusDays(1);
    }

    static boolean behind(LocalDate openedOn, LocalDate deadline, int percent, LocalDate today) {
        long total = ChronoUnit.DAYS.between(openedOn, deadline);
        if (total <= 0) {
            return false;
        }
        long elapsed = Math.max(0, ChronoUnit.DAYS.between(openedOn, today));
        return percent * total < (elapsed * 100 - GRACE_POINTS * total);
    }

    /**
     * The light with the assignment's periodic reports counted (issue 19; {@link ReportStanding#light}): the worse
     * of the two. Closed assignments keep no light and a submitted one stays green.
     */
    public static StatusLight withReports(StatusLight light, Assignment.State state, ReportStanding reports,
                                          int warnDays, LocalDate today, WorkingDays days) {
        if (light == null || reports == null || state == Assignment.State.SUBMITTED) {
            return light;
        }
        return worst(java.util.List.of(light, reports.light(today, warnDays, days)));
    }

    /** A task's light: the worst of its assignments' (null when none is open). */
    public static StatusLight worst(Collection<StatusLight> lights) {
        StatusLight w = null;
        for (StatusLight l : lights) {
            if (l != null && (w == null || l.ordinal() > w.ordinal())) {
                w = l;
            }
        }
        return w;
    }
}
