package org.duban.notification.paging;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InboxCursorTest {

    @Test
    void aCursorSurvivesTheRoundTripAndIsUrlSafe() {
        InboxCursor c = new InboxCursor(OffsetDateTime.parse("2026-11-26T17:30:00.123456Z"), UUID.randomUUID());
        String s = c.encode();
        assertFalse(s.contains("+") || s.contains("/") || s.contains("=") || s.contains("|"));
        InboxCursor back = InboxCursor.decode(s);
        assertEquals(c.createdAt().toInstant(), back.createdAt().toInstant());
        assertEquals(c.id(), back.id());
    }

    @Test
    void aCursorFromElsewhereIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> InboxCursor.decode("not-a-cursor"));
        assertThrows(IllegalArgumentException.class, () -> InboxCursor.decode("!!!"));
        assertThrows(IllegalArgumentException.class, () -> InboxCursor.decode(""));
    }
}
