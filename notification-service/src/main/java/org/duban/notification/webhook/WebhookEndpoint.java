package org.duban.notification.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An OA system's webhook endpoint: one unit's, or global (unitCode null: every unit's notifications). */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "unit_code")
    public String unitCode;

    @Column(nullable = false)
    public String url;

    public String description;

    /** Subscribed event types; empty = all. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = new ArrayList<>();

    /** {@code whsec_<base64>}; stored encrypted ({@link WebhookSecrets}). */
    @Column(nullable = false)
    @Convert(converter = WebhookSecrets.Column.class)
    public String secret;

    @Column(name = "previous_secret")
    @Convert(converter = WebhookSecrets.Column.class)
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public OffsetDateTime previousSecretUntil;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public boolean subscribes(String eventType) {
        return eventTypes.isEmpty() || eventTypes.contains(eventType);
    }
}
