package org.duban.common.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The relay's wake-ups (issue 16): none is lost, however it falls against the running lead. */
class OutboxRelayWakeTest {

    /** A relay whose lead only counts, and whose hook runs a wake-up in the window before the lock is let go. */
    static class CountingRelay extends OutboxRelay {
        final AtomicInteger leads = new AtomicInteger();
        Runnable inTheWindow = () -> { };

        CountingRelay() {
            enabled = true;
            failureLogInterval = Duration.ofMinutes(1);
        }

        @Override
        int lead() {
            leads.incrementAndGet();
            return 0;
        }

        @Override
        void lastLookDone() {
            Runnable r = inTheWindow;
            inTheWindow = () -> { };
            r.run();
        }
    }

    @Test
    void aWakeUpAfterTheLastLookAndBeforeTheRelayLetsGoStillLeadsAtOnce() throws Exception {
        CountingRelay relay = new CountingRelay();
        // a commit's wake-up, on the waker's thread, finds the relay still held: it only asks for another look
        relay.inTheWindow = () -> {
            Thread waker = new Thread(relay::poll, "waker");
            waker.start();
            try {
                waker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        relay.poll();

        // before the fix the second lead waited for the backstop poll (up to a second)
        assertEquals(2, relay.leads.get(), "the wake-up in the window leads once the relay is let go");
    }

    /**
     * hrelay: a commit during a lead is seen by that lead (it looks again at once, on its own thread). Before, the
     * wake-up was a task queued for the waker's thread — the very thread the lead ran on — so the row waited for the
     * lead to end (its batch's acks and mark) and a new lead on a new connection.
     */
    @Test
    void aCommitDuringALeadIsSeenByThatLeadWithoutATaskQueuedForTheWaker() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountingRelay relay = new CountingRelay() {
            @Override
            int lead() {
                threads.add(Thread.currentThread().getName());
                if (threads.size() == 1) {
                    onCommitted(new Outbox.Written(UUID.randomUUID(), OffsetDateTime.now(), 1));
                }
                return 0;
            }
        };
        relay.registry = new SimpleMeterRegistry();

        relay.poll();

        assertEquals(List.of(Thread.currentThread().getName(), Thread.currentThread().getName()), threads,
                "the commit's wake-up led again on the lead's own thread, not on the waker's");
    }

    @Test
    void aWakeUpWhileNothingRunsLeadsOnceOnItsOwnThread() {
        CountingRelay relay = new CountingRelay();

        relay.poll();

        assertEquals(1, relay.leads.get());
    }
}
