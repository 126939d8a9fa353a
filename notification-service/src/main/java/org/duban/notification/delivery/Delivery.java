package org.duban.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One external send of a notification: a webhook call to one endpoint or an e-mail to one address
 * (or an item queued for the unit's digest). Written in the consumer's transaction with its unique
 * key (event, unit, channel, target); sent after commit by {@link DeliveryWorker}. Its id is the
 * {@code webhook-id} / e-mail Message-ID, the same on every attempt.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
    public static final String DIGEST = "digest";

    public enum Status { PENDING, SUCCEEDED, DEAD, QUEUED, DIGESTED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "notification_id")
    public UUID notificationId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "unit_code", nullable = false)
    public String unitCode;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String target;

    @Column(name = "endpoint_id")
    public UUID endpointId;

    public String subject;

    /** The exact body sent on every attempt (webhook JSON, e-mail text). */
    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "digest_date")
    public LocalDate digestDate;

    /** The trace the delivery was written in (W3C); the webhook call continues it. Null when tracing is off. */
    public String traceparent;

    public String tracestate;
}
