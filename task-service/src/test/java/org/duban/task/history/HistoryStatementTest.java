package org.duban.task.history;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link History#statement}: the parts' ordinal parameters numbered after the history's ten and the earlier parts',
 * then turned into JDBC's {@code ?} with, per placeholder, the ordinal of its value (a value used twice is bound twice).
 */
class HistoryStatementTest {

    @Test
    void partsAreNumberedAfterTheHistoryAndEachOtherAndEveryPlaceholderNamesItsValue() {
        History.Statement s = History.statement(List.of("a AS (INSERT INTO a SELECT ?1, ?2, ?1)", "b AS (INSERT INTO b SELECT ?3)"));

        assertTrue(s.sql().startsWith("WITH a AS (INSERT INTO a SELECT ?, ?, ?),\nb AS (INSERT INTO b SELECT ?)\nINSERT INTO task_history"),
                s.sql());
        assertFalse(s.sql().matches("(?s).*\\?\\d.*"), "no ordinal left: " + s.sql());
        // a: ?11 ?12 ?11; b (after a's two values): ?13 ?14 ?15 → its ?3 is ?15; then the history's ?1 … ?10
        assertArrayEquals(new int[]{11, 12, 11, 15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, s.ordinals());
        assertEquals(15, s.values(), "the history's 10, a's 2, b's 3 (its highest ordinal)");
    }

    @Test
    void withoutPartsItIsTheHistoryInsertAlone() {
        History.Statement s = History.statement(List.of());

        assertTrue(s.sql().startsWith("INSERT INTO task_history"), s.sql());
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, s.ordinals());
        assertEquals(10, s.values());
    }
}
