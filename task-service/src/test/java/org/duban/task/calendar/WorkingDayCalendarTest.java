package org.duban.task.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingDayCalendarTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    final WorkingDayCalendar plain = WorkingDayCalendar.plainWeek();

    @Test
    void plainWeekWorksMondayToFriday() {
        assertTrue(plain.isWorkingDay(d("2026-11-23")));   // Monday
        assertTrue(plain.isWorkingDay(d("2026-11-27")));   // Friday
        assertFalse(plain.isWorkingDay(d("2026-11-28")));  // Saturday
        assertFalse(plain.isWorkingDay(d("2026-11-29")));  // Sunday
    }

    @Test
    void fridayToNextMondayIsOneWorkingDayAndBackwardsIsNegative() {
        assertEquals(1, plain.workingDaysBetween(d("2026-11-27"), d("2026-11-30")));
        assertEquals(-1, plain.workingDaysBetween(d("2026-11-30"), d("2026-11-27")));
        assertEquals(0, plain.workingDaysBetween(d("2026-11-27"), d("2026-11-27")));
        assertEquals(0, plain.workingDaysBetween(d("2026-11-27"), d("2026-11-29")));
        assertEquals(5, plain.workingDaysBetween(d("2026-11-22"), d("2026-11-28")));
    }

    @Test
    void addingWorkingDaysSkipsWeekendsBothWays() {
        assertEquals(d("2026-11-30"), plain.addWorkingDays(d("2026-11-27"), 1));
        assertEquals(d("2026-11-27"), plain.addWorkingDays(d("2026-11-30"), -1));
        assertEquals(d("2026-11-27"), plain.addWorkingDays(d("2026-11-28"), -1)); // from a Saturday
        assertEquals(d("2026-11-30"), plain.addWorkingDays(d("2026-11-28"), 1));
        assertEquals(d("2026-11-28"), plain.addWorkingDays(d("2026-11-28"), 0));
        assertEquals(d("2026-12-04"), plain.addWorkingDays(d("2026-11-27"), 5));
    }

    @Test
    void aHolidayOnAWeekdayIsOffAndAWorkdayOnASaturdayIsOn() {
        WorkingDayCalendar c = new WorkingDayCalendar(Map.of(
                d("2026-12-02"), DayKind.HOLIDAY,    // Wednesday off
                d("2026-12-05"), DayKind.WORKDAY));  // Saturday on
        assertFalse(c.isWorkingDay(d("2026-12-02")));
        assertTrue(c.isWorkingDay(d("2026-12-05")));
        assertEquals(5, c.workingDaysBetween(d("2026-11-29"), d("2026-12-05"))); // Mon,Tue,Thu,Fri,Sat
        assertEquals(d("2026-12-03"), c.addWorkingDays(d("2026-12-01"), 1));
        assertEquals(d("2026-12-05"), c.addWorkingDays(d("2026-12-03"), 2));
        assertEquals(d("2026-12-01"), c.lastWorkingDayOnOrBefore(d("2026-12-02")));
    }

    @Test
    void countsAcrossTheYearBoundary() {
        // 2020-12-31 (Thu) -> 2021-01-04 (Mon); 2021-01-01..03 is 元旦
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        assertEquals(1, c.workingDaysBetween(d("2020-12-31"), d("2021-01-04")));
        assertEquals(d("2021-01-04"), c.addWorkingDays(d("2020-12-31"), 1));
        assertEquals(d("2020-12-31"), c.addWorkingDays(d("2021-01-04"), -1));
        // 2023 New Year's Day holiday started on 2022-12-31
        assertEquals(d("2023-01-03"), c.addWorkingDays(d("2022-12-30"), 1));
    }

    @Test
    void nationalDayWeek2020WithItsAdjustedWorkingDays() {
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        assertTrue(c.isWorkingDay(d("2020-09-27")), "Sunday 27 Sep 2020 was worked (调休)");
        assertTrue(c.isWorkingDay(d("2020-10-10")), "Saturday 10 Oct 2020 was worked (调休)");
        for (LocalDate x = d("2020-10-01"); !x.isAfter(d("2020-10-08")); x = x.plusDays(1)) {
            assertFalse(c.isWorkingDay(x), x + " is 国庆节、中秋节");
        }
        // the 5, 3, 1 working days before Friday 2020-10-09
        assertEquals(d("2020-09-30"), c.addWorkingDays(d("2020-10-09"), -1));
        assertEquals(d("2020-09-28"), c.addWorkingDays(d("2020-10-09"), -3));
        assertEquals(d("2020-09-25"), c.addWorkingDays(d("2020-10-09"), -5));
        assertEquals(d("2020-10-10"), c.addWorkingDays(d("2020-10-09"), 1));
        assertEquals(d("2020-10-12"), c.addWorkingDays(d("2020-10-09"), 2));
        assertEquals(1, c.workingDaysBetween(d("2020-09-30"), d("2020-10-09")));
    }

    @Test
    void springFestival2020WasExtendedToTheSecondOfFebruary() {
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        assertTrue(c.isWorkingDay(d("2020-01-19")), "Sunday 19 Jan 2020 was worked");
        assertFalse(c.isWorkingDay(d("2020-01-31")), "Friday 31 Jan 2020: extension");
        assertFalse(c.isWorkingDay(d("2020-02-01")), "Saturday 1 Feb 2020: its 调休 was cancelled");
        assertTrue(c.isWorkingDay(d("2020-02-03")));
        assertEquals(d("2020-01-23"), c.addWorkingDays(d("2020-02-03"), -1));
    }

    @Test
    void springFestival2025AndNationalDay2025() {
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        assertTrue(c.isWorkingDay(d("2025-01-26")));
        assertFalse(c.isWorkingDay(d("2025-01-28")), "除夕 2025 is a holiday");
        assertFalse(c.isWorkingDay(d("2025-02-04")));
        assertTrue(c.isWorkingDay(d("2025-02-08")));
        assertTrue(c.isWorkingDay(d("2025-09-28")));
        assertTrue(c.isWorkingDay(d("2025-10-11")));
        assertEquals(d("2025-09-30"), c.addWorkingDays(d("2025-10-09"), -1));
        // 2025-01-27 (Mon) .. 2025-02-05 (Wed): only the 5th is a working day
        assertEquals(1, c.workingDaysBetween(d("2025-01-27"), d("2025-02-05")));
    }

    @Test
    void workingDaysPerYearMatchThePublishedTotals() {
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        // counted by hand from each notice: weekdays - holidays on weekdays + 调休 weekend days,
        // e.g. 2025: 261 - 18 + 5 = 248; 2026: 261 - 19 + 6 = 248; 2020 after the extension 249
        assertEquals(249, c.workingDaysBetween(d("2019-12-31"), d("2020-12-31")));
        assertEquals(250, c.workingDaysBetween(d("2020-12-31"), d("2021-12-31")));
        assertEquals(249, c.workingDaysBetween(d("2021-12-31"), d("2022-12-31")));
        assertEquals(249, c.workingDaysBetween(d("2022-12-31"), d("2023-12-31")));
        assertEquals(251, c.workingDaysBetween(d("2023-12-31"), d("2024-12-31")));
        assertEquals(248, c.workingDaysBetween(d("2024-12-31"), d("2025-12-31")));
        assertEquals(248, c.workingDaysBetween(d("2025-12-31"), d("2026-12-31")));
    }
}
