package org.duban.common.outbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A part of a statement with other parameters before it: its ordinal parameters renumbered, nothing else. */
class OutboxNumberedTest {

    @Test
    void ordinalParametersAreShiftedToStartAtTheGivenNumber() {
        assertEquals("SELECT ?11, CAST(?20 AS text[]), '?' FROM t WHERE a = ?12",
                Outbox.numbered("SELECT ?1, CAST(?10 AS text[]), '?' FROM t WHERE a = ?2", 11));
    }

    @Test
    void fromOneTheTextIsUnchangedAndTheSameTextIsReturnedAgain() {
        String sql = "INSERT INTO x VALUES (?1, ?2)";
        assertSame(sql, Outbox.numbered(sql, 1));
        assertSame(Outbox.numbered(sql, 5), Outbox.numbered(sql, 5), "cached: the driver sees one statement text");
        assertEquals("INSERT INTO x VALUES (?5, ?6)", Outbox.numbered(sql, 5));
    }
}
