package org.duban.task.reminder;

import org.duban.task.calendar.CalendarData;
import org.duban.common.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReminderPlanTest {

    static final WorkingDayCalendar CAL = CalendarData.shippedCalendar();
    static final LocalTime NINE = LocalTime.of(9, 0);

    static List<String> plan(String deadline, String now) {
        return ReminderPlan.plan(LocalDate.parse(deadline), List.of(5, 3, 1), true,
                        ReminderPlan.at(LocalDate.parse(now.substring(0, 10)), LocalTime.parse(now.substring(11))),
                        CAL, NINE).stream()
                .map(s -> s.kind() + " " + s.threshold() + " " + s.day()).toList();
    }

    @Test
    void aroundTheNationalDayWeek2020() {
        assertEquals(List.of("APPROACHING 5 2020-09-25", "APPROACHING 3 2020-09-28", "APPROACHING 1 2020-09-30",
                "OVERDUE 1 2020-10-10"), plan("2020-10-09", "2020-09-01T10:00"));
    }

    @Test
    void aDeadlineOnAHolidayCountsFromTheLastWorkingDayBeforeIt() {
        // 2020-10-05 is inside the holiday: the last working day before it is 09-30, so 1 day before
        // is 09-29 and 3 days before the working Sunday 09-27
        assertEquals(List.of("APPROACHING 5 2020-09-24", "APPROACHING 3 2020-09-27", "APPROACHING 1 2020-09-29",
                "OVERDUE 1 2020-10-09"), plan("2020-10-05", "2020-09-01T10:00"));
    }

    @Test
    void afterSpringFestival2021TheFiveDayReminderFallsOnTheWorkingSunday() {
        assertEquals(List.of("APPROACHING 5 2021-02-07", "APPROACHING 3 2021-02-09", "APPROACHING 1 2021-02-18",
                "OVERDUE 1 2021-02-20"), plan("2021-02-19", "2021-01-04T10:00"));
    }

    @Test
    void staleThresholdsAreNotCreated() {
        assertEquals(List.of("APPROACHING 1 2020-09-30", "OVERDUE 1 2020-10-10"), plan("2020-10-09", "2020-09-29T10:00"));
        // exactly at 09:00 of a threshold day: still due (fires in the next pass)
        assertEquals(List.of("APPROACHING 3 2020-09-28", "APPROACHING 1 2020-09-30", "OVERDUE 1 2020-10-10"),
                plan("2020-10-09", "2020-09-28T09:00"));
    }

    @Test
    void aDeadlineAlreadyPassedGetsItsFirstOverdueReminderAtTheNextSlot() {
        // Monday 2020-10-12 at 10:00, deadline 2020-09-30: next slot is Tuesday 09:00, 4 working days
        // overdue (10-09, 10-10, 10-12, 10-13)
        assertEquals(List.of("OVERDUE 4 2020-10-13"), plan("2020-09-30", "2020-10-12T10:00"));
        // before nine on a working day: today
        assertEquals(List.of("OVERDUE 3 2020-10-12"), plan("2020-09-30", "2020-10-12T08:00"));
    }

    @Test
    void theNextOverdueReminderIsTheNextWorkingDay() {
        ReminderPlan.Slot s = ReminderPlan.nextOverdue(LocalDate.of(2020, 10, 9), LocalDate.of(2020, 10, 10), CAL, NINE);
        assertEquals(LocalDate.of(2020, 10, 12), s.day());
        assertEquals(2, s.threshold());
    }
}
