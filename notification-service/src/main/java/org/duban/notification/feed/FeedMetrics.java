package org.duban.notification.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@value #WAITING} gauge (Prometheus {@code duban_feed_waiting}): feed requests of this replica
 * holding a long poll open now. {@value #HELD_BACK} gauge ({@code duban_feed_held_back_seconds}): at
 * the last read of this replica's feed, how long the oldest committed notification had been held back
 * because an older write transaction on the PostgreSQL server was still open (0: none was).
 */
@Startup
@ApplicationScoped
public class FeedMetrics {

    public static final String WAITING = "duban.feed.waiting";
    public static final String HELD_BACK = "duban.feed.held.back";

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong heldBackMillis = new AtomicLong();

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void register() {
        Gauge.builder(WAITING, waiting, AtomicInteger::get)
                .description("Feed requests waiting for notifications (long polls) on this replica")
                .register(registry);
        Gauge.builder(HELD_BACK, heldBackMillis, m -> m.get() / 1000.0)
                .description("At the last feed read, how long the oldest committed notification had been held back by an older open transaction")
                .baseUnit("seconds")
                .register(registry);
    }

    void waiting(int delta) {
        waiting.addAndGet(delta);
    }

    void heldBack(OffsetDateTime since) {
        heldBackMillis.set(since == null ? 0 : Math.max(0, Duration.between(since, OffsetDateTime.now()).toMillis()));
    }

    /** The held-back gauge's value now. */
    public double heldBackSeconds() {
        return heldBackMillis.get() / 1000.0;
    }

    /** Feed requests waiting now. */
    public int waiting() {
        return waiting.get();
    }
}
