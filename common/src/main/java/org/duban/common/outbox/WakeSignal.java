package org.duban.common.outbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The relay's wake-up flag (issue 16, hrelay): raised by every commit that wrote an event (and by the backstop
 * poll), taken by the lead. A lead waiting for a batch's verdict is woken by a raise as well, so it can read the
 * rows just committed while that batch is still in flight ({@link RelayPipeline}).
 */
final class WakeSignal implements RelayPipeline.Wakeups {

    private boolean raised;

    /** A commit wrote an event (or the backstop asks for a look): a waiting lead wakes. */
    synchronized void raise() {
        raised = true;
        notifyAll();
    }

    /** Whether it is raised, without taking it. */
    synchronized boolean raised() {
        return raised;
    }

    @Override
    public synchronized boolean take() {
        boolean r = raised;
        raised = false;
        return r;
    }

    @Override
    public void await(CompletableFuture<?> verdict, long deadlineNanos) throws InterruptedException {
        // the verdict's completion pokes this monitor (without raising the flag) so the wait ends with it
        verdict.whenComplete((v, e) -> poke());
        synchronized (this) {
            long left;
            while (!raised && !verdict.isDone() && (left = deadlineNanos - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private synchronized void poke() {
        notifyAll();
    }
}
