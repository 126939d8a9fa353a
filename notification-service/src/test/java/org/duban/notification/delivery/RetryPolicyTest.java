package org.duban.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryPolicyTest {

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2, Duration.ofHours(1),
                () -> random);
    }

    @Test
    void waitsFollowTheScheduleWithinTheJitter() {
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy(0.0).nextDelay(1, null));
        assertEquals(Optional.of(Duration.ofSeconds(5)), policy(0.5).nextDelay(1, null));
        assertEquals(Optional.of(Duration.ofSeconds(6)), policy(1.0).nextDelay(1, null));
        assertEquals(Optional.of(Duration.ofMinutes(5)), policy(0.5).nextDelay(2, null));
    }

    @Test
    void afterTheLastAttemptThereIsNoNext() {
        assertEquals(3, policy(0.5).maxAttempts());
        assertEquals(Optional.empty(), policy(0.5).nextDelay(3, null));
    }

    @Test
    void aLongerRetryAfterWinsAndIsCapped() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), policy(0.5).nextDelay(1, Duration.ofSeconds(120)));
        assertEquals(Optional.of(Duration.ofSeconds(5)), policy(0.5).nextDelay(1, Duration.ofSeconds(1)));
        assertEquals(Optional.of(Duration.ofHours(1)), policy(0.5).nextDelay(1, Duration.ofDays(2)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertEquals(Duration.ofSeconds(30), RetryPolicy.parseRetryAfter("30", now));
        assertEquals(Duration.ofSeconds(90), RetryPolicy.parseRetryAfter("Thu, 26 Nov 2026 10:01:30 GMT", now));
        assertNull(RetryPolicy.parseRetryAfter("soon", now));
        assertNull(RetryPolicy.parseRetryAfter(null, now));
    }
}
