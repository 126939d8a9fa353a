package org.duban.notification.calendar;

import org.duban.common.consuming.Poison;
import org.duban.common.time.DateRange;
import org.duban.events.calendar.CalendarYear;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replica's door check on a snapshot, and the fallback warning. Pure. */
class CalendarSnapshotCheckTest {

    private static CalendarYear.Day holiday(String date) {
        return new CalendarYear.Day(LocalDate.parse(date), CalendarYear.Kind.HOLIDAY, "假日");
    }

    private static String reason(CalendarYear y, String key) {
        return assertThrows(Poison.class, () -> CalendarReplicaConsumer.check(y, key)).reason();
    }

    @Test
    void aYearOfTheRangeWithItsOwnDaysPasses() {
        CalendarReplicaConsumer.check(new CalendarYear(2026, true, 1, List.of(holiday("2026-10-01"))), "2026");
        CalendarReplicaConsumer.check(new CalendarYear(2100, false, 3, null), "2100");
    }

    @Test
    void aDayOutsideTheYearATwiceListedDayAKeyOfAnotherYearOrNoVersionIsInvalid() {
        assertEquals(Poison.INVALID, reason(new CalendarYear(2026, true, 1, List.of(holiday("2027-01-01"))), "2026"));
        assertEquals(Poison.INVALID, reason(new CalendarYear(2026, true, 1,
                List.of(holiday("2026-10-01"), holiday("2026-10-01"))), "2026"));
        assertEquals(Poison.INVALID, reason(new CalendarYear(2026, true, 1, List.of()), "2027"));
        assertEquals(Poison.INVALID, reason(new CalendarYear(2026, true, 0, List.of()), "2026"));
    }

    @Test
    void aYearOutsideTheDateRangeIsRefused() {
        assertEquals(Poison.DATE_OUT_OF_RANGE, reason(new CalendarYear(1999, true, 1, List.of()), "1999"));
        assertEquals(Poison.DATE_OUT_OF_RANGE, reason(new CalendarYear(2101, true, 1, List.of()), "2101"));
    }

    @Test
    void theEventsYearBoundsAreTheDateRangesYears() {
        // the schema's minimum and maximum (EventContractTest) are the years this consumer and task-service accept
        assertEquals(DateRange.FIRST.getYear(), CalendarYear.FIRST_YEAR);
        assertEquals(DateRange.LAST.getYear(), CalendarYear.LAST_YEAR);
    }

    @Test
    void theDaysOfASnapshotAreBoundedByTheDaysOfALeapYear() {
        List<CalendarYear.Day> all = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2024-01-01"); d.getYear() == 2024; d = d.plusDays(1)) {
            all.add(holiday(d.toString()));
        }
        assertEquals(CalendarReplicaConsumer.MAX_DAYS, all.size());
        CalendarReplicaConsumer.check(new CalendarYear(2024, true, 1, all), "2024");
        List<CalendarYear.Day> tooMany = new ArrayList<>(all);
        tooMany.add(holiday("2024-12-31"));
        Poison p = assertThrows(Poison.class, () -> CalendarReplicaConsumer.check(new CalendarYear(2024, true, 1, tooMany), "2024"));
        assertEquals(Poison.INVALID, p.reason());
        assertTrue(p.getMessage().contains("367 days"), p.getMessage());
    }

    @Test
    void aMissingYearIsAWarningNamingItAndFromDecemberTheNextToo() {
        LocalDate nov = LocalDate.parse("2026-11-30");
        LocalDate dec = LocalDate.parse("2026-12-01");
        assertTrue(CalendarReplicaCheck.warning(Set.of(2026), nov).isEmpty());
        String w = CalendarReplicaCheck.warning(Set.of(2026), dec).orElseThrow();
        assertTrue(w.contains("no holidays for 2027") && w.contains("plain week"), w);
        assertTrue(CalendarReplicaCheck.warning(Set.of(), nov).orElseThrow().contains("for 2026:"));
        assertTrue(CalendarReplicaCheck.warning(Set.of(), dec).orElseThrow().contains("for 2026 and 2027"));
        assertTrue(CalendarReplicaCheck.warning(Set.of(2026, 2027), dec).isEmpty());
    }
}
