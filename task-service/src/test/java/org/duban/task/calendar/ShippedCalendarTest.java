package org.duban.task.calendar;

import org.duban.common.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped State Council data on common's WorkingDayCalendar (the arithmetic itself: common's WorkingDayCalendarTest). */
class ShippedCalendarTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    /** The obvious day-by-day definition, to check the constant-cost arithmetic against. */
    static int countByWalking(WorkingDayCalendar c, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -countByWalking(c, to, from);
        }
        int n = 0;
        for (LocalDate x = from.plusDays(1); !x.isAfter(to); x = x.plusDays(1)) {
            n += c.isWorkingDay(x) ? 1 : 0;
        }
        return n;
    }

    static LocalDate addByWalking(WorkingDayCalendar c, LocalDate date, int n) {
        LocalDate x = date;
        for (int left = Math.abs(n); left > 0; ) {
            x = x.plusDays(n > 0 ? 1 : -1);
            left -= c.isWorkingDay(x) ? 1 : 0;
        }
        return x;
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

    @Test
    void theShippedCalendarAgreesWithWalkingOverItsWholeRange() {
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        for (LocalDate a = d("2019-06-01"); a.isBefore(d("2027-06-01")); a = a.plusDays(13)) {
            assertEquals(countByWalking(c, d("2019-06-01"), a), c.workingDaysBetween(d("2019-06-01"), a));
            for (int n : new int[]{-7, -3, -1, 1, 3, 5, 22}) {
                assertEquals(addByWalking(c, a, n), c.addWorkingDays(a, n), a + " + " + n);
            }
        }
    }

    @Test
    void aCenturyIsCountedWithoutWalkingIt() {
        WorkingDayCalendar c = CalendarData.shippedCalendar();
        // 2000-01-01..2100-12-31 (the API's date range); the plain week outside the shipped years
        int count = c.workingDaysBetween(d("1999-12-31"), d("2100-12-31"));
        assertEquals(countByWalking(c, d("1999-12-31"), d("2100-12-31")), count);
        assertEquals(d("2100-12-31"), c.addWorkingDays(d("2000-01-01"), countByWalking(c, d("2000-01-01"), d("2100-12-31"))));
    }
}
