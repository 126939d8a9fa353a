package org.duban.notification.push;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A wake-up that is never lost and never piles up: signals that come while nobody waits (the
 * stream or the worker is busy reading) are remembered as one, so the next wait ends at once and
 * a row that committed during a read is read next time. A new Wake starts signalled (read once
 * at the start). Waits end after a backstop period without a signal.
 */
public final class Wake {

    private boolean pending = true;
    private CompletableFuture<Void> waiting;
    private ScheduledFuture<?> timer;

    public void signal() {
        CompletableFuture<Void> f;
        synchronized (this) {
            if (waiting == null) {
                pending = true;
                notifyAll();
                return;
            }
            f = waiting;
            waiting = null;
            cancelTimer();
        }
        f.complete(null);
    }

    /** Completes at the next signal (at once if one came since the last wait) or after {@code backstop}. */
    public CompletionStage<Void> next(Duration backstop, ScheduledExecutorService timers) {
        CompletableFuture<Void> f;
        synchronized (this) {
            if (pending) {
                pending = false;
                return CompletableFuture.completedFuture(null);
            }
            f = new CompletableFuture<>();
            waiting = f;
            cancelTimer();
            timer = timers.schedule(() -> expire(f), backstop.toMillis(), TimeUnit.MILLISECONDS);
        }
        return f;
    }

    /** Blocks until a signal (at once if one came since the last wait) or {@code timeout}; true if signalled. */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long left;
        while (!pending && (left = end - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        boolean signalled = pending;
        pending = false;
        return signalled;
    }

    /** No more waits: a pending timer is dropped. */
    public synchronized void close() {
        cancelTimer();
        waiting = null;
    }

    private void expire(CompletableFuture<Void> f) {
        synchronized (this) {
            if (waiting == f) {
                waiting = null;
            }
        }
        f.complete(null);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
