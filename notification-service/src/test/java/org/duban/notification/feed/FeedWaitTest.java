package org.duban.notification.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeedWaitTest {

    @Test
    void secondsAndMillisecondsAreRead() {
        assertEquals(Duration.ofSeconds(30), FeedWait.parse("30s"));
        assertEquals(Duration.ofSeconds(30), FeedWait.parse("30"));
        assertEquals(Duration.ofMillis(1500), FeedWait.parse("1500ms"));
        assertEquals(Duration.ZERO, FeedWait.parse("0"));
        assertEquals(Duration.ZERO, FeedWait.parse(null));
        assertEquals(Duration.ZERO, FeedWait.parse(""));
    }

    @Test
    void sixtySecondsIsTheLongestWait() {
        assertEquals(Duration.ofSeconds(60), FeedWait.parse("60s"));
        assertEquals(Duration.ofSeconds(60), FeedWait.parse("60000ms"));
        assertThrows(IllegalArgumentException.class, () -> FeedWait.parse("61s"));
        assertThrows(IllegalArgumentException.class, () -> FeedWait.parse("60001ms"));
        assertThrows(IllegalArgumentException.class, () -> FeedWait.parse("999999s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "30m", "1.5s", "PT30S", "s", "30 s", "1234567", "３０s"})
    void otherFormsAreRefused(String s) {
        assertThrows(IllegalArgumentException.class, () -> FeedWait.parse(s));
    }
}
