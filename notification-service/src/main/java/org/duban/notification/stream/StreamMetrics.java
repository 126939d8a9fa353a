package org.duban.notification.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@value #STREAMS} gauge (Prometheus {@code duban_sse_streams}): the live streams open on this
 * replica — one more when a client subscribes, one less when its stream ends however it ends
 * (the client went away, the token expired, a failure).
 */
@Startup
@ApplicationScoped
public class StreamMetrics {

    public static final String STREAMS = "duban.sse.streams";

    private final AtomicInteger open = new AtomicInteger();

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void register() {
        Gauge.builder(STREAMS, open, AtomicInteger::get)
                .description("Live notification streams (SSE) open on this replica")
                .register(registry);
    }

    /** {@code stream}, counted while subscribed (each subscription once, whichever way it ends). */
    public <T> Multi<T> counted(Multi<T> stream) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean counted = new AtomicBoolean();
            return stream
                    .onSubscription().invoke(s -> {
                        if (counted.compareAndSet(false, true)) {
                            open.incrementAndGet();
                        }
                    })
                    .onTermination().invoke(() -> {
                        if (counted.compareAndSet(true, false)) {
                            open.decrementAndGet();
                        }
                    });
        });
    }

    /** Streams open now. */
    public int open() {
        return open.get();
    }
}
