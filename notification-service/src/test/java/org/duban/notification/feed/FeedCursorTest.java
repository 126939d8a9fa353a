package org.duban.notification.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeedCursorTest {

    @Test
    void aCursorReadsBackAsThePositionItWasWrittenFrom() {
        FeedCursor c = new FeedCursor(9_876_543_210L, UUID.fromString("6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e"));
        assertEquals(c, FeedCursor.decode(c.encode()));
        assertEquals(FeedCursor.START, FeedCursor.decode(FeedCursor.START.encode()));
    }

    @Test
    void noCursorIsTheStart() {
        assertEquals(FeedCursor.START, FeedCursor.decode(null));
        assertEquals(FeedCursor.START, FeedCursor.decode(" "));
    }

    @Test
    void theLargestTransactionIdFitsAndOneMoreDoesNot() {
        UUID id = UUID.randomUUID();
        assertEquals(new FeedCursor(Long.MAX_VALUE, id), FeedCursor.decode(plain("f1:" + Long.MAX_VALUE + ":" + id)));
        assertThrows(IllegalArgumentException.class, () -> FeedCursor.decode(plain("f1:9223372036854775808:" + id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "abc", "f1:1:6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e",
            "ZjE6MTo2ZjFjMGUxYS0wYzRlLTRhNTctOWE0My0xYjhmM2YxZjhkN2U=x"})
    void aStringThisServiceDidNotWriteIsRefused(String s) {
        assertThrows(IllegalArgumentException.class, () -> FeedCursor.decode(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f2:1:6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e", "f1:-1:6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e",
            "f1:1:1-1-1-1-1", "f1::6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e", "f1:1:6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e:x",
            "2026-11-26T18:17:59.731Z|6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e"})
    void aWellEncodedStringOfAnotherShapeIsRefused(String inside) {
        assertThrows(IllegalArgumentException.class, () -> FeedCursor.decode(plain(inside)));
    }

    @Test
    void anOverlongCursorIsRefusedBeforeDecoding() {
        assertThrows(IllegalArgumentException.class, () -> FeedCursor.decode("A".repeat(121)));
    }

    private static String plain(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
