package org.duban.task.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarCoverageTest {

    private static final Set<Integer> SHIPPED = Set.of(2020, 2021, 2022, 2023, 2024, 2025, 2026);

    @Test
    void theNextYearMissingIsNoWarningUntilTheEndOfNovember() {
        assertTrue(CalendarCoverage.warning(SHIPPED, LocalDate.of(2026, 11, 30)).isEmpty());
        assertTrue(CalendarCoverage.warning(SHIPPED, LocalDate.of(2025, 12, 31)).isEmpty(), "2026 is there");
    }

    @Test
    void fromTheFirstOfDecemberTheNextYearMissingIsAWarningThatNamesIt() {
        String w = CalendarCoverage.warning(SHIPPED, LocalDate.of(2026, 12, 1)).orElseThrow();
        assertTrue(w.contains("no holidays for 2027:"), w);
    }

    @Test
    void theCurrentYearMissingIsAWarningAllYearAndBothYearsAreNamedWhenBothAreMissing() {
        assertTrue(CalendarCoverage.warning(SHIPPED, LocalDate.of(2027, 3, 1)).orElseThrow().contains("no holidays for 2027:"));
        assertTrue(CalendarCoverage.warning(SHIPPED, LocalDate.of(2027, 12, 2)).orElseThrow()
                .contains("no holidays for 2027 and 2028:"));
        assertEquals("the working-day calendar has no holidays for 2019: deadlines there are counted on the plain week;"
                        + " enter the State Council's notice (POST /api/v1/calendar/notices/preview, then /confirm) or upgrade to a release"
                        + " that ships it",
                CalendarCoverage.warning(SHIPPED, LocalDate.of(2019, 12, 5)).orElseThrow());
    }
}
