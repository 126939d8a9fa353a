package org.duban.common.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The outbox's backlog as gauges (issue 15): how many rows wait to be published and how old the
 * oldest is — {@link OutboxState}'s cached reading (every {@code duban.outbox.state-refresh}, 10 s),
 * the same one the readiness check uses: a scrape never queries the database, however often
 * Prometheus comes.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxMetrics {

    /** Unpublished rows → {@code duban_outbox_backlog}. */
    public static final String BACKLOG = "duban.outbox.backlog";
    /** Age of the oldest unpublished row, 0 when none → {@code duban_outbox_oldest_age_seconds}. */
    public static final String OLDEST_AGE = "duban.outbox.oldest.age";

    @Inject
    OutboxState state;

    @Inject
    MeterRegistry registry;

    /** Registered at start, so the meters exist (at 0) before the first reading. */
    void register(@Observes StartupEvent event) {
        Gauge.builder(BACKLOG, this, OutboxMetrics::backlog)
                .description("Outbox rows not yet published to Kafka (read every duban.outbox.state-refresh)")
                .register(registry);
        Gauge.builder(OLDEST_AGE, this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest outbox row not yet published; 0 when none")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads the backlog now (a test's way to skip the wait for the next scheduled reading). */
    public void refresh() {
        state.refresh();
    }

    /** Unpublished rows at the last reading. */
    public double backlog() {
        return state.last().map(OutboxState.Reading::backlog).orElse(0L);
    }

    /** Age in seconds of the oldest unpublished row at the last reading; 0 when none. */
    public double oldestAgeSeconds() {
        return state.last().map(r -> r.oldestAge().toMillis() / 1000.0).orElse(0.0);
    }
}
