package org.duban.common.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * The outbox's backlog as gauges (issue 15): how many rows wait to be published and how old the
 * oldest is. Read by a scheduled query ({@code duban.outbox.metrics-refresh}, 10 s) into cached
 * values: a scrape never queries the database, however often Prometheus comes.
 */
@ApplicationScoped
public class OutboxMetrics {

    /** Unpublished rows → {@code duban_outbox_backlog}. */
    public static final String BACKLOG = "duban.outbox.backlog";
    /** Age of the oldest unpublished row, 0 when none → {@code duban_outbox_oldest_age_seconds}. */
    public static final String OLDEST_AGE = "duban.outbox.oldest.age";

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    private volatile long backlog;
    private volatile double oldestAgeSeconds;

    /** Registered at start, so the meters exist (at 0) before the first refresh. */
    void register(@Observes StartupEvent event) {
        Gauge.builder(BACKLOG, this, m -> m.backlog)
                .description("Outbox rows not yet published to Kafka (refreshed every duban.outbox.metrics-refresh)")
                .register(registry);
        Gauge.builder(OLDEST_AGE, this, m -> m.oldestAgeSeconds)
                .description("Age of the oldest outbox row not yet published; 0 when none")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${duban.outbox.metrics-refresh:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the database is away: the gauges keep their last values; readiness says the rest
            LOG.debugf("outbox metrics not refreshed: %s", e.getMessage());
        }
    }

    /** Reads the backlog now (the partial index outbox_event_unpublished keeps it cheap). */
    public void refresh() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT count(*), COALESCE(GREATEST(0, EXTRACT(EPOCH FROM now() - min(occurred_at))), 0)
                FROM outbox_event WHERE published_at IS NULL""").getSingleResult());
        backlog = ((Number) row[0]).longValue();
        oldestAgeSeconds = ((Number) row[1]).doubleValue();
    }

    /** Unpublished rows at the last refresh. */
    public long backlog() {
        return backlog;
    }

    /** Age in seconds of the oldest unpublished row at the last refresh; 0 when none. */
    public double oldestAgeSeconds() {
        return oldestAgeSeconds;
    }
}
