package org.duban.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.notification.AfterCommit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The external sends' meters (Prometheus names in docs/operations.md, "Metrics"):
 * <ul>
 * <li>{@value #DELIVERIES} counter, tags {@code channel}, {@code outcome}: what each applied attempt came to
 * ({@link Result}), counted when the worker's transaction commits;</li>
 * <li>{@value #CALL} timer, tag {@code channel}: one webhook call or e-mail send, however it ended;</li>
 * <li>{@value #BACKLOG} and {@value #DEAD} gauges: deliveries due now and not yet claimed, and dead
 * letters outstanding — from a read every {@code duban.metrics.deliveries-refresh} (15 s), never a
 * query per scrape. The same read feeds the readiness check ({@link DeliveryBacklogCheck}).</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {

    public static final String DELIVERIES = "duban.deliveries";
    public static final String CALL = "duban.delivery.call";
    public static final String BACKLOG = "duban.deliveries.backlog";
    public static final String DEAD = "duban.deliveries.dead";

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);

    /** What an applied attempt came to (the {@code outcome} tag, lower case). */
    public enum Result {
        /** delivered (2xx, or the SMTP server took the mail) */
        SENT,
        /** failed; another attempt is scheduled */
        RETRIED,
        /** failed for good: a dead letter (attempts used up, 410 Gone, a refused target, a cut-off last attempt) */
        DEAD,
        /** not called: its webhook endpoint was disabled or deleted meanwhile (also a dead letter) */
        DISABLED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One read: deliveries due and unclaimed, the oldest due time among them (null: none), dead
     * letters, and when it was read.
     */
    public record Backlog(long due, OffsetDateTime oldestDue, long dead, Instant readAt) {

        /** How long the oldest due delivery has waited at {@code now} (zero when none). */
        public Duration oldestAge(Instant now) {
            if (oldestDue == null) {
                return Duration.ZERO;
            }
            Duration age = Duration.between(oldestDue.toInstant(), now);
            return age.isNegative() ? Duration.ZERO : age;
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Session session;

    @Inject
    Clock clock;

    private volatile Backlog last;
    private volatile String lastReadError;

    @PostConstruct
    void register() {
        for (String channel : List.of(Delivery.WEBHOOK, Delivery.EMAIL)) {
            for (Result r : Result.values()) {
                if (r != Result.DISABLED || Delivery.WEBHOOK.equals(channel)) {
                    counter(channel, r);
                }
            }
            timer(channel);
        }
        // NaN until the first read: "not known" rather than a reassuring 0
        Gauge.builder(BACKLOG, this, m -> m.last == null ? Double.NaN : m.last.due())
                .description("Deliveries due now and not yet claimed by a worker")
                .register(registry);
        Gauge.builder(DEAD, this, m -> m.last == null ? Double.NaN : m.last.dead())
                .description("Dead letters outstanding (not re-driven)")
                .register(registry);
    }

    /** The outcome of one attempt applied in the current transaction; counted if it commits. */
    public void outcome(String channel, Result result) {
        Counter c = counter(channel, result);
        afterCommit.run(c::increment);
    }

    /** One call (webhook POST or SMTP send) took {@code nanos}. */
    public void call(String channel, long nanos) {
        timer(channel).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The last read (null before the first), for the gauges and the readiness check. */
    public Backlog backlog() {
        return last;
    }

    /** Why the last read failed (null when it succeeded); the figures are then the read before. */
    public String lastReadError() {
        return lastReadError;
    }

    @Scheduled(every = "${duban.metrics.deliveries-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            last = QuarkusTransaction.requiringNew().call(this::read);
            lastReadError = null;
        } catch (RuntimeException e) {
            // the datasource's own readiness check says the database is away; the gauges keep the last figures
            lastReadError = InPlaceRetry.describe(e);
            LOG.debugf("delivery backlog not read: %s", lastReadError);
        }
    }

    /** Reads the figures in the current transaction (each query reads a partial index of delivery). */
    Backlog read() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Object[] due = (Object[]) session.createNativeQuery("""
                SELECT count(*), min(next_attempt_at) FROM delivery
                WHERE status = 'PENDING' AND next_attempt_at <= ?1""", Object[].class)
                .setParameter(1, now)
                .getSingleResult();
        // untyped: with a result class (Long.class) Hibernate caches a new plan per call (see DeliveryWorker#nextDue)
        long dead = ((Number) session.createNativeQuery("SELECT count(*) FROM delivery WHERE status = 'DEAD'")
                .getSingleResult()).longValue();
        return new Backlog(((Number) due[0]).longValue(), toOffset(due[1]), dead, now.toInstant());
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private Counter counter(String channel, Result result) {
        return Counter.builder(DELIVERIES)
                .description("Delivery attempts applied, by channel and outcome (sent, retried, dead, disabled)")
                .tag("channel", channel)
                .tag("outcome", result.tag())
                .register(registry);
    }

    private Timer timer(String channel) {
        return Timer.builder(CALL)
                .description("One webhook call or e-mail send, however it ended")
                .tag("channel", channel)
                .register(registry);
    }
}
