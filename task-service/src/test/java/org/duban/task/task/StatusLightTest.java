package org.duban.task.task;

import org.duban.common.calendar.WorkingDayCalendar;
import org.duban.common.calendar.WorkingDays;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StatusLightTest {

    // 2020-12-31 is a Thursday; weekdays only
    private static final LocalDate DUE = LocalDate.of(2020, 12, 31);
    private static final LocalDate OPENED = LocalDate.of(2020, 8, 4);
    /** The light's rules on the plain week (the service passes the real calendar: Lights.days()). */
    private static final WorkingDays PLAIN_WEEK = WorkingDayCalendar.plainWeek();

    private static StatusLight light(Assignment.State s, LocalDate today, int percent) {
        return StatusLight.of(s, OPENED, DUE, 5, percent, today, PLAIN_WEEK);
    }

    @Test
    void overdueIsRed() {
        assertEquals(StatusLight.RED, light(Assignment.State.IN_PROGRESS, DUE.plusDays(1), 90));
    }

    @Test
    void withinTheWarningWindowInWorkingDaysIsYellow() {
        // 2020-12-24 (Thu) → 31 (Thu) is 5 working days: yellow; 23 (Wed) → 6: green if on track
        assertEquals(StatusLight.YELLOW, light(Assignment.State.IN_PROGRESS, LocalDate.of(2020, 12, 24), 95));
        assertEquals(StatusLight.GREEN, light(Assignment.State.IN_PROGRESS, LocalDate.of(2020, 12, 23), 95));
        assertEquals(StatusLight.YELLOW, light(Assignment.State.ACCEPTED, DUE, 100));
    }

    @Test
    void behindOnReportedProgressIsYellow() {
        // about half the time gone (149 days, 2020-10-17 is day 74): 20 % reported trails by more than 20 points
        LocalDate mid = LocalDate.of(2020, 10, 17);
        assertEquals(StatusLight.YELLOW, light(Assignment.State.IN_PROGRESS, mid, 20));
        assertEquals(StatusLight.GREEN, light(Assignment.State.IN_PROGRESS, mid, 40));
        assertEquals(StatusLight.GREEN, light(Assignment.State.ASSIGNED, OPENED, 0));
    }

    @Test
    void submittedAndPeriodicAreGreenAndClosedHaveNoLight() {
        assertEquals(StatusLight.GREEN, light(Assignment.State.SUBMITTED, DUE.plusDays(10), 100));
        assertEquals(StatusLight.GREEN, StatusLight.of(Assignment.State.IN_PROGRESS, OPENED, null, 5, 0, DUE, PLAIN_WEEK));
        assertNull(light(Assignment.State.COMPLETED, DUE.plusDays(10), 100));
        assertNull(light(Assignment.State.CANCELLED, DUE.plusDays(10), 0));
        assertEquals(StatusLight.RED, StatusLight.worst(java.util.Arrays.asList(StatusLight.GREEN, null, StatusLight.RED)));
    }
}
