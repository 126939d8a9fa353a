package org.duban.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.notification.NotificationConfig;
import org.duban.notification.email.EmailSender;
import org.duban.notification.webhook.WebhookSender;
import org.duban.notification.webhook.WebhookService;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends the due deliveries, after the transaction that created them committed. A pass claims a
 * batch with {@code FOR UPDATE SKIP LOCKED} and leases it (pushes next_attempt_at by the lease), so
 * replicas never send the same row at once and a crashed worker's rows come back; it sends each
 * row outside any transaction, then records the attempt and the outcome in a transaction of its own:
 * success, the next attempt (backoff with jitter, Retry-After honoured), or a dead letter.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** What one attempt came to. {@code gone}: the receiver answered 410 and the endpoint is to be disabled. */
    public record Outcome(boolean ok, Integer statusCode, String error, Duration retryAfter, boolean gone,
                          boolean permanent) {
        public static Outcome success(int status) {
            return new Outcome(true, status, null, null, false, false);
        }

        public static Outcome failure(Integer status, String error, Duration retryAfter) {
            return new Outcome(false, status, error, retryAfter, false, false);
        }

        /** No retry can help (410 Gone, endpoint disabled or refused): straight to the dead letters. */
        public static Outcome permanent(Integer status, String error, boolean gone) {
            return new Outcome(false, status, error, null, gone, true);
        }
    }

    @Inject
    Session session;

    @Inject
    NotificationConfig config;

    @Inject
    WebhookSender webhooks;

    @Inject
    EmailSender email;

    @Inject
    WebhookService endpoints;

    @Inject
    Clock clock;

    RetryPolicy policy;

    @PostConstruct
    void init() {
        policy = new RetryPolicy(config.deliveries().retrySchedule(), config.deliveries().jitter(),
                config.deliveries().maxRetryAfter(), () -> ThreadLocalRandom.current().nextDouble());
    }

    @Scheduled(every = "${duban.notification.deliveries.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            int sent;
            do {
                sent = runOnce();
            } while (sent >= config.deliveries().batchSize());
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery pass failed; retried on the next one");
        }
    }

    /** One pass: claims and sends up to a batch of due deliveries; returns how many were tried. */
    public int runOnce() {
        List<UUID> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        for (UUID id : claimed) {
            Delivery d = QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(id));
            if (d == null) {
                continue;
            }
            long start = System.nanoTime();
            Outcome outcome;
            try {
                outcome = Delivery.WEBHOOK.equals(d.channel) ? webhooks.send(d) : email.send(d);
            } catch (RuntimeException e) {
                outcome = Outcome.failure(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            Outcome o = outcome;
            QuarkusTransaction.requiringNew().run(() -> record(id, o, ms));
        }
        return claimed.size();
    }

    @SuppressWarnings("unchecked")
    List<UUID> claim() {
        OffsetDateTime now = now();
        List<UUID> ids = session.createNativeQuery("""
                SELECT id FROM delivery
                WHERE status = 'PENDING' AND next_attempt_at <= ?1
                ORDER BY next_attempt_at
                LIMIT ?2
                FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, now)
                .setParameter(2, config.deliveries().batchSize())
                .getResultList();
        if (!ids.isEmpty()) {
            session.createNativeMutationQuery("UPDATE delivery SET next_attempt_at = ?1 WHERE id IN (?2)")
                    .setParameter(1, now.plus(config.deliveries().lease()))
                    .setParameterList(2, ids)
                    .executeUpdate();
        }
        return ids;
    }

    void record(UUID id, Outcome o, long durationMs) {
        Delivery d = Delivery.findById(id);
        if (d == null || !Delivery.Status.PENDING.name().equals(d.status)) {
            return;
        }
        OffsetDateTime now = now();
        d.attempts++;
        DeliveryAttempt a = new DeliveryAttempt();
        a.deliveryId = id;
        a.attempt = d.attempts;
        a.attemptedAt = now;
        a.durationMs = durationMs;
        a.statusCode = o.statusCode();
        a.error = o.error();
        a.retryAfterSeconds = o.retryAfter() == null ? null : o.retryAfter().toSeconds();
        a.persist();
        d.lastStatusCode = o.statusCode();
        d.lastError = o.error();
        if (o.ok()) {
            d.status = Delivery.Status.SUCCEEDED.name();
            d.finishedAt = now;
            d.nextAttemptAt = null;
            return;
        }
        if (o.gone() && d.endpointId != null) {
            endpoints.disableGone(d.endpointId, d.target);
        }
        Optional<Duration> next = o.permanent() ? Optional.empty() : policy.nextDelay(d.attempts, o.retryAfter());
        if (next.isPresent()) {
            d.nextAttemptAt = now.plus(next.get());
        } else {
            d.status = Delivery.Status.DEAD.name();
            d.finishedAt = now;
            d.nextAttemptAt = null;
            LOG.infof("delivery %s (%s to %s) is a dead letter after %d attempts: %s", id, d.channel, d.target,
                    d.attempts, o.error());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
