package org.duban.common.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The relay's wake-ups (issue 16): none is lost, however it falls against the running lead. */
class OutboxRelayWakeTest {

    /** A relay whose lead only counts, and whose hook runs a wake-up in the window before the lock is let go. */
    static final class CountingRelay extends OutboxRelay {
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

    @Test
    void aWakeUpWhileNothingRunsLeadsOnceOnItsOwnThread() {
        CountingRelay relay = new CountingRelay();

        relay.poll();

        assertEquals(1, relay.leads.get());
    }
}
