package org.duban.notification.delivery;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.duban.common.security.Access;
import org.duban.notification.paging.InboxCursor;
import org.duban.notification.push.CommitSignals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery history of a notification, the dead letters, and re-driving them. A delivery is its
 * notification's unit's: read by supervisor, viewer and that unit's own callers
 * ({@link Access#requireRead}); dead letters and re-driving are the supervising office's (roles on
 * the resource).
 */
@ApplicationScoped
@Transactional
public class DeliveryService {

    @Inject
    CommitSignals signals;

    @Inject
    Access access;

    @Inject
    NotificationUnits notifications;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryApi.View> ofNotification(UUID notificationId) {
        String unit = notifications.unitOf(notificationId)
                .orElseThrow(() -> ProblemException.notFound("No notification " + notificationId));
        access.requireRead(unit, "Notification " + notificationId);
        return Delivery.<Delivery>list("notificationId", Sort.ascending("createdAt", "channel", "target"), notificationId)
                .stream().map(DeliveryService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryApi.View get(UUID id) {
        Delivery d = Delivery.findById(id);
        if (d == null) {
            throw ProblemException.notFound("No delivery " + id);
        }
        access.requireRead(unitOf(d), "Delivery " + id);
        return view(d);
    }

    /** The unit a delivery belongs to: its notification's (a digest item has one too), else its own column. */
    private String unitOf(Delivery d) {
        Optional<String> ofNotification = d.notificationId == null ? Optional.empty() : notifications.unitOf(d.notificationId);
        return ofNotification.orElse(d.unitCode);
    }

    /** Dead letters, newest first (by when they died), optionally one unit's or one channel's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryApi.DeadLetterPage deadLetters(String unitCode, String channel, String cursor, int limit) {
        StringBuilder q = new StringBuilder("status = 'DEAD'");
        Map<String, Object> p = new HashMap<>();
        if (unitCode != null && !unitCode.isBlank()) {
            q.append(" and unitCode = :unit");
            p.put("unit", unitCode);
        }
        if (channel != null && !channel.isBlank()) {
            q.append(" and channel = :channel");
            p.put("channel", channel);
        }
        InboxCursor.appendAfter(q, p, "createdAt", cursor);
        InboxCursor.Page<Delivery> page = InboxCursor.Page.of(Delivery.<Delivery>find(q.toString(),
                Sort.descending("createdAt", "id"), p).page(0, limit + 1).list(), limit, d -> new InboxCursor(d.createdAt, d.id));
        return new DeliveryApi.DeadLetterPage(page.rows().stream().map(DeliveryService::view).toList(), page.next());
    }

    /**
     * Sends a dead letter again: PENDING now, with a fresh set of attempts and the same id (the same
     * webhook-id, so a receiver that did get it once still recognises it). Only dead letters.
     */
    public DeliveryApi.View redrive(UUID id) {
        Delivery d = Delivery.findById(id);
        if (d == null) {
            throw ProblemException.notFound("No delivery " + id);
        }
        if (!Delivery.Status.DEAD.name().equals(d.status)) {
            throw ProblemException.conflict("Delivery " + id + " is " + d.status + ", not a dead letter");
        }
        d.status = Delivery.Status.PENDING.name();
        d.attempts = 0;
        d.finishedAt = null;
        d.nextAttemptAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        signals.written(List.of(), true);
        return view(d);
    }

    private static DeliveryApi.View view(Delivery d) {
        return DeliveryApi.View.of(d, DeliveryAttempt.list("deliveryId", Sort.ascending("attemptedAt", "id"), d.id));
    }
}
