package org.duban.common.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outbox's backlog as last read (issue 15): how many rows wait to be published and how old the
 * oldest is, read by a scheduled query every {@code duban.outbox.state-refresh} (10 s) into cached
 * values, so a health probe (and a metrics scrape) never queries the database itself. The age is the
 * database's {@code now()} minus the row's {@code occurred_at} (an event's time is the time it was
 * written, the clock of the service that wrote it), never negative.
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxState {

    private static final Logger LOG = Logger.getLogger(OutboxState.class);

    /** What one read found. {@code oldestAge} is zero when nothing waits. */
    public record Reading(long backlog, Duration oldestAge, Instant readAt) {
    }

    @Inject
    EntityManager em;

    private volatile Reading last;
    private volatile String lastError;

    @Scheduled(every = "${duban.outbox.state-refresh:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the database is away: its own readiness check says so; the last reading stays, marked stale
            lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            LOG.debugf("outbox state not read: %s", lastError);
        }
    }

    /** Reads the backlog now (the partial index outbox_event_unpublished keeps it cheap) and caches it. */
    public Reading refresh() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                SELECT count(*), COALESCE(GREATEST(0, EXTRACT(EPOCH FROM now() - min(occurred_at))), 0)
                FROM outbox_event WHERE published_at IS NULL""").getSingleResult());
        Reading r = new Reading(((Number) row[0]).longValue(),
                Duration.ofMillis(Math.round(((Number) row[1]).doubleValue() * 1000)), Instant.now());
        last = r;
        lastError = null;
        return r;
    }

    /** The last reading; empty before the first one. */
    public Optional<Reading> last() {
        return Optional.ofNullable(last);
    }

    /** Age of the oldest unpublished row at the last reading (zero when none; empty before the first reading). */
    public Optional<Duration> oldestUnpublishedAge() {
        return last().map(Reading::oldestAge);
    }

    /** Why the last scheduled read failed; null after a good one. */
    public String lastError() {
        return lastError;
    }
}
