package org.duban.common.outbox;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's wake-up flag (hrelay): a lead waiting for a verdict wakes at a commit or at the verdict. */
class WakeSignalTest {

    static final long FAR = TimeUnit.MINUTES.toNanos(10);

    @Test
    void aRaiseIsTakenOnce() {
        WakeSignal signal = new WakeSignal();
        assertFalse(signal.take());
        signal.raise();
        assertTrue(signal.raised());
        assertTrue(signal.take());
        assertFalse(signal.take());
    }

    @Test
    void aWaitEndsAtARaiseFromAnotherThreadAndLeavesItRaised() throws Exception {
        WakeSignal signal = new WakeSignal();
        Thread waiter = new Thread(() -> {
            try {
                signal.await(new CompletableFuture<>(), System.nanoTime() + FAR);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        signal.raise();
        waiter.join(60_000);

        assertFalse(waiter.isAlive(), "the wait did not end at the raise");
        assertTrue(signal.take(), "the raise is still there for the lead to take");
    }

    @Test
    void aWaitEndsAtTheVerdictWithoutARaise() throws Exception {
        WakeSignal signal = new WakeSignal();
        CompletableFuture<String> verdict = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                signal.await(verdict, System.nanoTime() + FAR);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        verdict.complete("acked");
        waiter.join(60_000);

        assertFalse(waiter.isAlive(), "the wait did not end at the verdict");
        assertFalse(signal.take());
    }

    @Test
    void aRaisedSignalOrADoneVerdictDoesNotWait() throws Exception {
        WakeSignal signal = new WakeSignal();
        signal.await(CompletableFuture.completedFuture("acked"), System.nanoTime() + FAR);
        signal.raise();
        signal.await(new CompletableFuture<>(), System.nanoTime() + FAR);
        assertTrue(signal.take());
    }
}
