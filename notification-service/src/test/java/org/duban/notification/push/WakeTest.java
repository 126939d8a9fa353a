package org.duban.notification.push;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WakeTest {

    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stop() {
        TIMERS.shutdownNow();
    }

    @Test
    void aNewWakeIsSignalledOnceSoTheFirstReadHappensAtOnce() throws Exception {
        Wake w = new Wake();
        assertTrue(w.next(Duration.ofHours(1), TIMERS).toCompletableFuture().isDone());
        assertFalse(w.next(Duration.ofHours(1), TIMERS).toCompletableFuture().isDone());
    }

    @Test
    void aSignalWhileNobodyWaitsIsKeptAndManyFoldIntoOne() throws Exception {
        Wake w = new Wake();
        w.next(Duration.ofHours(1), TIMERS);
        CompletableFuture<Void> waiting = w.next(Duration.ofHours(1), TIMERS).toCompletableFuture();
        w.signal();
        assertTrue(waiting.isDone(), "a waiter is woken");
        // the reader is busy: three commits meanwhile make one more read, not three
        w.signal();
        w.signal();
        w.signal();
        assertTrue(w.next(Duration.ofHours(1), TIMERS).toCompletableFuture().isDone());
        assertFalse(w.next(Duration.ofHours(1), TIMERS).toCompletableFuture().isDone());
    }

    @Test
    void aWaitEndsAfterTheBackstopAndASignalAfterThatIsNotLost() throws Exception {
        Wake w = new Wake();
        w.next(Duration.ofHours(1), TIMERS);
        w.next(Duration.ofMillis(50), TIMERS).toCompletableFuture().get(5, TimeUnit.SECONDS);
        w.signal();
        assertTrue(w.next(Duration.ofHours(1), TIMERS).toCompletableFuture().isDone());
    }

    @Test
    void aBlockingWaitEndsAtASignalOrTheTimeout() throws Exception {
        Wake w = new Wake();
        assertTrue(w.await(Duration.ZERO), "signalled at the start");
        assertFalse(w.await(Duration.ofMillis(30)), "nothing came: the timeout");
        new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                // test thread
            }
            w.signal();
        }).start();
        long t0 = System.nanoTime();
        assertTrue(w.await(Duration.ofSeconds(30)));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
    }
}
