package org.duban.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.duban.common.messaging.EventLogContext;
import org.duban.notification.NotificationConfig;
import org.duban.notification.email.EmailSender;
import org.duban.notification.webhook.WebhookConfig;
import org.duban.notification.webhook.WebhookSender;
import org.duban.notification.webhook.WebhookService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * replicas never send the same row at once and a crashed worker's rows come back. Each row is then
 * sent outside any transaction between two short transactions of its own: before the call the
 * attempt is written IN_FLIGHT and the lease renewed (only if the row is still this pass's: same
 * lease stamp); after the call the attempt is completed and the outcome applied: success, the next
 * attempt (backoff with jitter, Retry-After honoured), or a dead letter. A worker that dies mid-call
 * leaves its attempt IN_FLIGHT; when the lease runs out (the longest call + 10 s) the next worker
 * marks it INTERRUPTED and sends again (same webhook-id). A webhook success pulls the endpoint's
 * deliveries waiting for a later retry forward to now, a batch at a time ({@link #pullForward}): a
 * receiver that recovers gets its backlog promptly, one that keeps failing keeps its schedule.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** A call never takes longer than its timeout; the lease is this much longer, so only a dead call is taken over. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /**
     * What one attempt came to. {@code gone}: the receiver answered 410 and the endpoint is to be
     * disabled. {@code endpointDisabled}: no call was made, the endpoint is disabled or deleted.
     */
    public record Outcome(boolean ok, Integer statusCode, String error, Duration retryAfter, boolean gone,
                          boolean permanent, boolean endpointDisabled) {
        public static Outcome success(int status) {
            return new Outcome(true, status, null, null, false, false, false);
        }

        public static Outcome failure(Integer status, String error, Duration retryAfter) {
            return new Outcome(false, status, error, retryAfter, false, false, false);
        }

        /** No retry can help (410 Gone, endpoint refused): straight to the dead letters. */
        public static Outcome permanent(Integer status, String error, boolean gone) {
            return new Outcome(false, status, error, null, gone, true, false);
        }

        /** Not sent: the endpoint was disabled or deleted after the delivery was written; a dead letter. */
        public static Outcome endpointDisabled(String error) {
            return new Outcome(false, null, error, null, false, true, true);
        }
    }

    /** The rows one pass claimed, and the lease stamp it put on them. */
    record Claim(List<UUID> ids, OffsetDateTime leasedUntil) {
    }

    /** An attempt written IN_FLIGHT, and the delivery (detached) to send. */
    record Started(long attemptId, Delivery delivery) {
    }

    static final String INTERRUPTED_ERROR = "no outcome: the call was cut off (the process stopped mid-call); sent again";

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

    @Inject
    WebhookConfig webhookConfig;

    @Inject
    DeliveryMetrics metrics;

    /** The blocking mailer gives up after this (Quarkus' default 60 s; set in application.properties). */
    @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "60s")
    Duration mailTimeout;

    RetryPolicy policy;

    Duration lease;

    @PostConstruct
    void init() {
        policy = new RetryPolicy(config.deliveries().retrySchedule(), config.deliveries().jitter(),
                config.deliveries().maxRetryAfter(), () -> ThreadLocalRandom.current().nextDouble());
        lease = config.deliveries().lease().orElse(defaultLease(webhookConfig.timeout(), mailTimeout));
    }

    /** The longest a call may take, plus the margin. */
    static Duration defaultLease(Duration webhookTimeout, Duration mailTimeout) {
        return (webhookTimeout.compareTo(mailTimeout) >= 0 ? webhookTimeout : mailTimeout).plus(LEASE_MARGIN);
    }

    /** How long a claimed or in-flight row stays hidden from other workers. */
    public Duration lease() {
        return lease;
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

    /** One pass: claims and sends up to a batch of due deliveries; returns how many were claimed. */
    public int runOnce() {
        Claim claim = QuarkusTransaction.requiringNew().call(this::claim);
        for (UUID id : claim.ids()) {
            Optional<Started> started = QuarkusTransaction.requiringNew().call(() -> begin(id, claim.leasedUntil()));
            if (started.isEmpty()) {
                continue;
            }
            Delivery d = started.get().delivery();
            // the call and its outcome are logged with the event and unit they tell of (issue 15)
            EventLogContext logContext = logContext(d);
            try {
                long start = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = Delivery.WEBHOOK.equals(d.channel) ? webhooks.send(d) : email.send(d);
                } catch (RuntimeException e) {
                    outcome = Outcome.failure(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
                }
                long nanos = System.nanoTime() - start;
                metrics.call(d.channel, nanos);
                long ms = nanos / 1_000_000;
                Outcome o = outcome;
                QuarkusTransaction.requiringNew().run(() -> record(started.get().attemptId(), o, ms));
            } finally {
                logContext.close();
            }
        }
        return claim.ids().size();
    }

    @SuppressWarnings("unchecked")
    Claim claim() {
        OffsetDateTime now = now();
        OffsetDateTime until = now.plus(lease);
        List<UUID> ids = session.createNativeQuery("""
                SELECT id FROM delivery
                WHERE status = 'PENDING' AND next_attempt_at <= ?1
                ORDER BY next_attempt_at, created_at
                LIMIT ?2
                FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, now)
                .setParameter(2, config.deliveries().batchSize())
                .getResultList();
        if (!ids.isEmpty()) {
            session.createNativeMutationQuery("UPDATE delivery SET next_attempt_at = ?1 WHERE id IN (?2)")
                    .setParameter(1, until)
                    .setParameterList(2, ids)
                    .executeUpdate();
        }
        return new Claim(ids, until);
    }

    /**
     * Before the call, committed on its own: the attempt, IN_FLIGHT, and the lease renewed from now
     * (the row may have waited behind others of the batch). Nothing if the row is no longer this
     * pass's: sent, dead, or claimed again by another worker (its lease stamp changed) or pulled
     * forward by an endpoint's recovery (due again: the next pass claims it). An attempt still
     * IN_FLIGHT here was cut off (its worker died and the lease ran out): it becomes INTERRUPTED and
     * counts; if it was the last one allowed, the delivery is a dead letter instead of a new call.
     */
    Optional<Started> begin(UUID id, OffsetDateTime leasedUntil) {
        Delivery d = Delivery.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || !Delivery.Status.PENDING.name().equals(d.status) || d.nextAttemptAt == null
                || !d.nextAttemptAt.isEqual(leasedUntil)) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        List<DeliveryAttempt> cutOff = DeliveryAttempt.list("deliveryId = ?1 and outcome = ?2", id,
                DeliveryAttempt.Outcome.IN_FLIGHT.name());
        for (DeliveryAttempt a : cutOff) {
            a.outcome = DeliveryAttempt.Outcome.INTERRUPTED.name();
            a.error = INTERRUPTED_ERROR;
            d.lastStatusCode = null;
            d.lastError = INTERRUPTED_ERROR;
            try (EventLogContext ignored = logContext(d)) {
                LOG.infof("delivery %s (%s to %s): attempt %d was cut off; sending again", id, d.channel, d.target, a.attempt);
            }
        }
        if (!cutOff.isEmpty() && d.attempts >= policy.maxAttempts()) {
            dead(d, now);
            metrics.outcome(d.channel, DeliveryMetrics.Result.DEAD);
            return Optional.empty();
        }
        d.attempts++;
        d.nextAttemptAt = now.plus(lease);
        DeliveryAttempt a = new DeliveryAttempt();
        a.deliveryId = id;
        a.attempt = d.attempts;
        a.attemptedAt = now;
        a.outcome = DeliveryAttempt.Outcome.IN_FLIGHT.name();
        a.persistAndFlush();
        return Optional.of(new Started(a.id, d));
    }

    /**
     * After the call: completes the attempt and applies the outcome to the delivery. An attempt
     * another worker already marked INTERRUPTED (this worker outlived its lease) stays so: the
     * delivery was sent again and that attempt decides.
     */
    void record(long attemptId, Outcome o, long durationMs) {
        DeliveryAttempt a = DeliveryAttempt.findById(attemptId);
        if (a == null) {
            return;
        }
        // the delivery's lock first (as begin takes it), then the attempt as it is now: a worker that
        // took the delivery over marked it INTERRUPTED under that lock
        Delivery d = Delivery.findById(a.deliveryId, LockModeType.PESSIMISTIC_WRITE);
        session.refresh(a);
        if (!DeliveryAttempt.Outcome.IN_FLIGHT.name().equals(a.outcome)) {
            LOG.infof("delivery %s: attempt %d ended (%s) after it was taken over; its outcome is not applied",
                    a.deliveryId, a.attempt, o.ok() ? "success" : o.error());
            return;
        }
        OffsetDateTime now = now();
        a.outcome = (o.ok() ? DeliveryAttempt.Outcome.SUCCEEDED : DeliveryAttempt.Outcome.FAILED).name();
        a.durationMs = durationMs;
        a.statusCode = o.statusCode();
        a.error = o.error();
        a.retryAfterSeconds = o.retryAfter() == null ? null : o.retryAfter().toSeconds();
        if (d == null || !Delivery.Status.PENDING.name().equals(d.status)) {
            return;
        }
        d.lastStatusCode = o.statusCode();
        d.lastError = o.error();
        if (o.ok()) {
            d.status = Delivery.Status.SUCCEEDED.name();
            d.finishedAt = now;
            d.nextAttemptAt = null;
            if (Delivery.WEBHOOK.equals(d.channel) && d.endpointId != null) {
                pullForward(d.endpointId, now);
            }
            metrics.outcome(d.channel, DeliveryMetrics.Result.SENT);
            return;
        }
        if (o.gone() && d.endpointId != null) {
            endpoints.disableGone(d.endpointId, d.target);
        }
        Optional<Duration> next = o.permanent() ? Optional.empty() : policy.nextDelay(d.attempts, o.retryAfter());
        if (next.isPresent()) {
            d.nextAttemptAt = now.plus(next.get());
            metrics.outcome(d.channel, DeliveryMetrics.Result.RETRIED);
        } else {
            dead(d, now);
            metrics.outcome(d.channel, o.endpointDisabled() ? DeliveryMetrics.Result.DISABLED : DeliveryMetrics.Result.DEAD);
            LOG.infof("delivery %s (%s to %s) is a dead letter after %d attempts: %s", d.id, d.channel, d.target,
                    d.attempts, o.error());
        }
    }

    /**
     * The endpoint answered 2xx: its deliveries waiting for a retry later than a lease from now
     * (so none claimed or in flight: their lease ends sooner) are due now, oldest first — at most a
     * batch of them due and unclaimed at a time, so a long backlog does not crowd out other
     * endpoints: each success of the batch pulls the next. Rows locked by another worker are left.
     */
    int pullForward(UUID endpointId, OffsetDateTime now) {
        long due = ((Number) session.createNativeQuery("""
                SELECT count(*) FROM delivery
                WHERE endpoint_id = ?1 AND status = 'PENDING' AND next_attempt_at <= ?2""", Long.class)
                .setParameter(1, endpointId)
                .setParameter(2, now)
                .getSingleResult()).longValue();
        long room = config.deliveries().batchSize() - due;
        if (room <= 0) {
            return 0;
        }
        int n = session.createNativeMutationQuery("""
                UPDATE delivery SET next_attempt_at = ?1
                WHERE id IN (SELECT id FROM delivery
                             WHERE endpoint_id = ?2 AND status = 'PENDING' AND next_attempt_at > ?3
                             ORDER BY next_attempt_at, created_at
                             LIMIT ?4
                             FOR UPDATE SKIP LOCKED)""")
                .setParameter(1, now)
                .setParameter(2, endpointId)
                .setParameter(3, now.plus(lease))
                .setParameter(4, room)
                .executeUpdate();
        if (n > 0) {
            LOG.debugf("webhook endpoint %s answered 2xx: %d deliveries waiting for a retry are due now", endpointId, n);
        }
        return n;
    }

    /** The event and unit a delivery tells of, in the log's MDC until closed. */
    private static EventLogContext logContext(Delivery d) {
        return EventLogContext.of(d.eventId, d.eventType).with(EventLogContext.UNIT_CODE, d.unitCode);
    }

    private static void dead(Delivery d, OffsetDateTime now) {
        d.status = Delivery.Status.DEAD.name();
        d.finishedAt = now;
        d.nextAttemptAt = null;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
