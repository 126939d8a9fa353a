package org.duban.common.calendar;

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
    void arithmeticAgreesWithWalkingDayByDayOnRandomCalendars() {
        java.util.Random random = new java.util.Random(20261202);
        LocalDate origin = d("2019-12-20");
        for (int calendar = 0; calendar < 40; calendar++) {
            Map<LocalDate, DayKind> days = new java.util.HashMap<>();
            // dense exceptions, long holiday runs and worked weekends included
            int count = random.nextInt(120);
            for (int i = 0; i < count; i++) {
                LocalDate x = origin.plusDays(random.nextInt(800));
                int run = random.nextInt(10) == 0 ? 1 + random.nextInt(20) : 1;
                DayKind kind = random.nextBoolean() ? DayKind.HOLIDAY : DayKind.WORKDAY;
                for (int k = 0; k < run; k++) {
                    days.put(x.plusDays(k), kind);
                }
            }
            WorkingDayCalendar c = new WorkingDayCalendar(days);
            for (int probe = 0; probe < 200; probe++) {
                LocalDate a = origin.plusDays(random.nextInt(900) - 50);
                LocalDate b = origin.plusDays(random.nextInt(900) - 50);
                assertEquals(countByWalking(c, a, b), c.workingDaysBetween(a, b), a + " .. " + b + " in " + days);
                int n = random.nextInt(121) - 60;
                assertEquals(addByWalking(c, a, n), c.addWorkingDays(a, n), a + " + " + n + " in " + days);
            }
        }
    }

    @Test
    void anySpanIsCountedAtOnceAndSaturatesInsteadOfOverflowing() {
        WorkingDayCalendar plain = WorkingDayCalendar.plainWeek();
        LocalDate today = d("2026-11-26");
        // a deadline an event carried unchecked: counted without walking, capped at the int range (issue 13)
        assertEquals(Integer.MAX_VALUE, plain.workingDaysBetween(today, LocalDate.of(999_999_999, 12, 31)));
        assertEquals(Integer.MIN_VALUE, plain.workingDaysBetween(LocalDate.of(999_999_999, 12, 31), today));
        assertEquals(Integer.MAX_VALUE, plain.workingDaysBetween(LocalDate.MIN, LocalDate.MAX));
        // just inside the int range it is the exact count
        assertEquals(2_080_081, plain.workingDaysBetween(today, d("9999-12-31")));
        assertEquals(countByWalking(plain, d("0001-01-01"), d("1000-12-31")),
                plain.workingDaysBetween(d("0001-01-01"), d("1000-12-31")));
    }
}
