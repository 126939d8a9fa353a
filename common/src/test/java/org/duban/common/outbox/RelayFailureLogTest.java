package org.duban.common.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayFailureLogTest {

    final Instant t0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void aTimeoutWithoutMessageIsNamedByItsClassNotNull() {
        String d = RelayFailureLog.describe(new IllegalStateException("Kafka did not acknowledge", new TimeoutException()));
        assertEquals("java.lang.IllegalStateException: Kafka did not acknowledge <- caused by java.util.concurrent.TimeoutException", d);
        assertFalse(d.contains("null"));
    }

    @Test
    void theFuturesWrappersAreSkippedAndTheRealCauseNamed() {
        Exception kafka = new org.apache.kafka.common.errors.TimeoutException(
                "Expiring 1 record(s) for duban.task-events-0:25001 ms has passed since batch creation");
        String d = RelayFailureLog.describe(new IllegalStateException("Kafka refused the outbox batch of 1 event(s)",
                new ExecutionException(new java.util.concurrent.CompletionException(kafka))));
        assertEquals("java.lang.IllegalStateException: Kafka refused the outbox batch of 1 event(s) <- caused by "
                + "org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for duban.task-events-0:25001 ms "
                + "has passed since batch creation", d);
    }

    @Test
    void anOutageOfTenMinutesLogsTheFirstFailureThenOneLinePerMinuteWithItsCountThenTheRecovery() {
        RelayFailureLog log = new RelayFailureLog(Duration.ofMinutes(1));
        List<String> lines = new ArrayList<>();
        RuntimeException cause = new IllegalStateException("Kafka did not acknowledge the outbox batch of 3 event(s) within 30 s");
        for (int s = 0; s < 600; s++) { // one failed tick per second
            log.failed(cause, t0.plusSeconds(s)).ifPresent(lines::add);
        }
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("outbox relay cannot publish"), lines.get(0));
        assertTrue(lines.get(0).contains("within 30 s"), lines.get(0));
        assertTrue(lines.get(1).contains("60 failed attempt(s) in the last 60 s"), lines.get(1));
        assertTrue(lines.get(1).contains("last cause: java.lang.IllegalStateException"), lines.get(1));

        Optional<String> back = log.published(t0.plusSeconds(610));
        assertTrue(back.isPresent());
        assertEquals("outbox relay publishes again after 600 failed attempt(s) over 10 min", back.get());
        assertFalse(log.failing());
        assertEquals(Optional.empty(), log.published(t0.plusSeconds(611)), "no recovery line without a failure");
        assertTrue(log.failed(cause, t0.plusSeconds(700)).isPresent(), "a new outage is logged at once again");
    }
}
