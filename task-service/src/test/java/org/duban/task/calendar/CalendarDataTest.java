package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarDataTest {

    @Test
    void shipsEveryYearFrom2020To2026WithItsNotice() {
        CalendarData.File f = CalendarData.load();
        assertEquals(java.util.List.of(2020, 2021, 2022, 2023, 2024, 2025, 2026),
                f.years().stream().map(CalendarData.Year::year).toList());
        f.years().forEach(y -> assertTrue(y.notice().contains("国务院办公厅关于" + y.year() + "年部分节假日安排的通知"), y.notice()));
    }

    @Test
    void adjustedWorkingDaysAreAllWeekendDaysAndNoDayIsListedTwice() {
        Set<LocalDate> seen = new HashSet<>();
        for (CalendarData.Year y : CalendarData.load().years()) {
            for (CalendarData.Day d : CalendarData.days(y)) {
                assertTrue(seen.add(d.date()), d.date() + " listed twice");
                if (d.kind() == DayKind.WORKDAY) {
                    DayOfWeek w = d.date().getDayOfWeek();
                    assertTrue(w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY, d.date() + " is a weekday");
                }
            }
        }
    }

    @Test
    void everyYearHasTheSevenStatutoryHolidays() {
        for (CalendarData.Year y : CalendarData.load().years()) {
            String names = String.join(" ", y.days().stream().map(CalendarData.Range::name).toList());
            for (String h : new String[]{"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}) {
                assertTrue(names.contains(h), y.year() + " lacks " + h);
            }
            assertFalse(y.days().isEmpty());
        }
    }
}
