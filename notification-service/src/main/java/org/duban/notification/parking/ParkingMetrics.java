package org.duban.notification.parking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.consuming.InPlaceRetry;
import org.jboss.logging.Logger;

/**
 * {@value #PARKED} gauge (Prometheus {@code duban_parked_events}): records parked and not yet
 * re-driven or discarded, from a count every {@code duban.metrics.parked-refresh} (30 s), never a
 * query per scrape. NaN until the first count; the last count while the database cannot be read.
 */
@Startup
@ApplicationScoped
public class ParkingMetrics {

    public static final String PARKED = "duban.parked.events";

    private static final Logger LOG = Logger.getLogger(ParkingMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    ParkedEvents parked;

    private volatile double count = Double.NaN;

    @PostConstruct
    void register() {
        Gauge.builder(PARKED, this, m -> m.count)
                .description("Consumed records parked and not yet re-driven or discarded")
                .register(registry);
    }

    @Scheduled(every = "${duban.metrics.parked-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            count = parked.countParked();
        } catch (RuntimeException e) {
            LOG.debugf("parked events not counted: %s", InPlaceRetry.describe(e));
        }
    }
}
