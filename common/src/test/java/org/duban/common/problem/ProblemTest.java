package org.duban.common.problem;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A problem never echoes a large input, whoever built it. */
class ProblemTest {

    @Test
    void longTextsAreCutWhereverTheProblemWasBuilt() {
        String big = "长".repeat(100_000);
        Problem p = new Problem("urn:duban:problem:validation", "t", 400, "unknown type '" + big + "'", "/x",
                List.of(new Problem.FieldError("a." + big, "must be one of " + big, big)));
        assertEquals(1001, p.detail().length());
        assertTrue(p.detail().endsWith("…"));
        assertEquals(501, p.errors().get(0).field().length());
        assertEquals(501, p.errors().get(0).message().length());
        assertEquals(201, ((String) p.errors().get(0).rejectedValue()).length());
    }

    @Test
    void shortTextsAndOtherValuesAreKeptAsTheyAre() {
        Problem.FieldError e = new Problem.FieldError("deadline", "cannot read \"2020年底\" as LocalDate", 42);
        assertEquals("deadline", e.field());
        assertEquals(42, e.rejectedValue());
        assertEquals("Field 'deadline' has the wrong type", new Problem("t", "t", 400, "Field 'deadline' has the wrong type",
                null, List.of()).detail());
    }
}
