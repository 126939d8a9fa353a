package org.duban.notification.feed;

import org.duban.notification.push.Wake;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One feed request: read; if nothing is there and time is left, wait for the commit signal of one of
 * its units (or the deadline), then read again. Between reads it holds no thread and no connection:
 * a {@link Wake} future completed by {@link FeedWaiters} or its timer, then a read on a worker thread.
 * <p>
 * A committed row held back by an older open transaction ({@link FeedService.Read#heldBack}) is read
 * again when a commit signal comes (the older transaction wrote notifications too) and otherwise after
 * {@link #FIRST_RECHECK} doubling to {@link #MAX_RECHECK}: a transaction that wrote no notification
 * sends no signal when it ends. This is the only polling, and only while a row is held back.
 */
final class LongPoll {

    static final Duration FIRST_RECHECK = Duration.ofMillis(50);
    static final Duration MAX_RECHECK = Duration.ofSeconds(1);

    private final FeedService feed;
    private final FeedWaiters waiters;
    private final FeedMetrics metrics;
    private final Executor workers;
    private final Set<String> units;
    private final int limit;
    private final long deadline;
    private final CompletableFuture<FeedApi.FeedPage> result = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private FeedCursor position;
    private Wake wake;
    private Duration recheck = FIRST_RECHECK;
    private boolean counted; // guarded by this

    LongPoll(FeedService feed, FeedWaiters waiters, FeedMetrics metrics, Executor workers, Set<String> units,
             FeedCursor from, int limit, long deadlineNanos) {
        this.feed = feed;
        this.waiters = waiters;
        this.metrics = metrics;
        this.workers = workers;
        this.units = units;
        this.position = from;
        this.limit = limit;
        this.deadline = deadlineNanos;
    }

    /** Registers for the signal before the first read (a commit between the read and the wait is not lost), then reads. */
    CompletionStage<FeedApi.FeedPage> start() {
        wake = waiters.open(units);
        step(Duration.ZERO);
        return result;
    }

    /** The wait ended however it ended (answered, failed, the client went away): unregister. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            result.cancel(false);
            if (wake != null) {
                waiters.close(units, wake);
            }
            synchronized (this) {
                if (counted) {
                    counted = false;
                    metrics.waiting(-1);
                }
            }
        }
    }

    /** Counted as waiting from its first empty read until it ends (never after it ended: the client may go away meanwhile). */
    private synchronized void countWaiting() {
        if (!counted && !closed.get()) {
            counted = true;
            metrics.waiting(1);
        }
    }

    /** Waits for the signal (at most {@code backstop}; the first wait ends at once), then reads. */
    private void step(Duration backstop) {
        wake.next(backstop, waiters.timers()).thenRunAsync(this::read, workers)
                .exceptionally(e -> { // e.g. the worker pool refused the read: answer, never hang
                    result.completeExceptionally(e);
                    return null;
                });
    }

    private void read() {
        if (result.isDone()) {
            return;
        }
        try {
            FeedService.Read r = feed.read(units, position, limit);
            metrics.heldBack(r.heldBackSince());
            position = r.next();
            long left = deadline - System.nanoTime();
            if (!r.items().isEmpty() || left <= 0) {
                result.complete(new FeedApi.FeedPage(r.items(), position.encode()));
                return;
            }
            countWaiting();
            Duration backstop = Duration.ofNanos(left);
            if (r.heldBack()) {
                backstop = backstop.compareTo(recheck) < 0 ? backstop : recheck;
                recheck = recheck.multipliedBy(2).compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : recheck.multipliedBy(2);
            } else {
                recheck = FIRST_RECHECK;
            }
            step(backstop);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
