package org.duban.common.time;

import org.duban.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DateRangeTest {

    @Test
    void aDateParameterIsReadWithinTheRangeAndRefusedBeyondItNamingTheParameter() {
        assertEquals(LocalDate.of(2000, 1, 1), DateRange.parameter("from", "2000-01-01"));
        assertEquals(LocalDate.of(2100, 12, 31), DateRange.parameter("to", " 2100-12-31 "));
        assertNull(DateRange.parameter("from", " "));
        for (String d : new String[]{"1999-12-31", "2101-01-01", "-999999999-01-01", "+999999999-12-31", "2020-13-01", "明天"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> DateRange.parameter("dueBefore", d));
            assertEquals("dueBefore", e.errors().get(0).field());
            assertEquals(400, e.type().status());
        }
        assertThrows(ProblemException.class, () -> DateRange.requiredParameter("from", null));
    }

    @Test
    void aYearParameterIsOneOfTheRangesYears() {
        assertEquals(2100, DateRange.yearParameter("year", 2100));
        assertThrows(ProblemException.class, () -> DateRange.yearParameter("year", 1999));
        assertThrows(ProblemException.class, () -> DateRange.yearParameter("year", 9999));
    }
}
