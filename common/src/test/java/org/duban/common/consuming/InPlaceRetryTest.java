package org.duban.common.consuming;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InPlaceRetryTest {

    private static final InPlaceRetry.Policy POLICY =
            new InPlaceRetry.Policy(Duration.ofMillis(100), Duration.ofSeconds(5), 3);

    private final List<Duration> waits = new ArrayList<>();
    private final InPlaceRetry.State state = new InPlaceRetry.State();

    private InPlaceRetry.Outcome run(InPlaceRetry.Step step, boolean databaseAnswers) throws InterruptedException {
        return InPlaceRetry.run("test", step, POLICY, () -> databaseAnswers, waits::add, Clock.systemUTC(), state);
    }

    @Test
    void anOutageIsWaitedOutWithoutLimitAndDoublingWaitsUpToTheMaximum() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InPlaceRetry.Outcome o = run(() -> {
            if (calls.incrementAndGet() <= 12) {
                throw new RuntimeException(new SQLException("terminating connection", "57P01"));
            }
        }, false);
        assertTrue(o.applied());
        assertEquals(13, calls.get(), "retried 12 times, far beyond maxAttempts (3)");
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L, 5000L, 5000L, 5000L),
                waits.stream().map(Duration::toMillis).toList());
        assertNull(state.retryingSince(), "no longer waiting for the database");
        assertEquals(1, state.outages(), "one outage, however many retries it took");
    }

    @Test
    void aPermanentFailureGivesUpAtOnce() throws InterruptedException {
        Poison p = new Poison(Poison.CONTROL_CHARACTER, "title contains NUL");
        InPlaceRetry.Outcome o = run(() -> {
            throw p;
        }, true);
        assertFalse(o.applied());
        assertEquals(1, o.attempts());
        assertSame(p, o.error());
        assertTrue(waits.isEmpty());
    }

    @Test
    void anUnknownFailureWhileTheDatabaseAnswersCountsAndGivesUpAfterMaxAttempts() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InPlaceRetry.Outcome o = run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("something odd");
        }, true);
        assertFalse(o.applied());
        assertEquals(3, o.attempts());
        assertEquals(3, calls.get());
    }

    @Test
    void anUnknownFailureWhileTheDatabaseIsAwayIsTheOutage() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InPlaceRetry.Outcome o = run(() -> {
            if (calls.incrementAndGet() <= 10) {
                throw new IllegalStateException("commit failed, no SQLState");
            }
        }, false);
        assertTrue(o.applied(), "never parked while the database does not answer");
        assertEquals(11, calls.get());
    }

    @Test
    void stoppingEndsTheWaitAndLeavesTheRecordUnapplied() {
        assertThrows(InterruptedException.class, () -> InPlaceRetry.run("test", () -> {
            throw new SQLException("gone", "08006");
        }, POLICY, () -> false, d -> {
            throw new InterruptedException("stopping");
        }, Clock.systemUTC(), state));
    }
}
