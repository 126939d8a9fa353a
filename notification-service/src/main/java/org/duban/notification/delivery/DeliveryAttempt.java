package org.duban.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One try of a delivery: when it started, how long, what came back. Written {@link Outcome#IN_FLIGHT}
 * before the call and completed after it, so a call cut off by a crash stays visible: it becomes
 * {@link Outcome#INTERRUPTED} when the delivery is picked up again.
 */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    public enum Outcome { IN_FLIGHT, SUCCEEDED, FAILED, INTERRUPTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(nullable = false)
    public int attempt;

    /** When the call started. */
    @Column(name = "attempted_at", nullable = false)
    public OffsetDateTime attemptedAt;

    /** {@link Outcome}'s name. */
    @Column(nullable = false)
    public String outcome;

    /** Null while in flight and for an interrupted attempt. */
    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    @Column(name = "retry_after_s")
    public Long retryAfterSeconds;
}
