package org.duban.notification.parking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A record a consumer could not apply, kept whole (headers, value) with why, so its partition moved
 * on and a supervisor can re-drive or discard it. Written by {@link ParkedEvents#park} in its own
 * transaction; unique per record (topic, partition, offset).
 */
@Entity
@Table(name = "parked_event")
public class ParkedEvent extends PanacheEntityBase {

    public enum Status { PARKED, REDRIVEN, DISCARDED }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String consumer;

    @Column(nullable = false)
    public String topic;

    @Column(name = "kafka_partition", nullable = false)
    public int partition;

    @Column(name = "kafka_offset", nullable = false)
    public long offset;

    @Column(name = "record_key")
    public String key;

    @Column(nullable = false)
    public String headers;

    public byte[] value;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "unit_code")
    public String unitCode;

    @Column(nullable = false)
    public String reason;

    @Column(name = "error_class", nullable = false)
    public String errorClass;

    @Column(name = "error_message", nullable = false)
    public String errorMessage;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "first_failed_at", nullable = false)
    public OffsetDateTime firstFailedAt;

    @Column(name = "last_failed_at", nullable = false)
    public OffsetDateTime lastFailedAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;
}
