package org.duban.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records an event in the outbox table, in the caller's transaction: the event exists if and
 * only if the change that caused it was committed. {@link OutboxRelay} sends it to Kafka.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** CloudEvents {@code source} of this service's events, e.g. {@code /duban/task-service}. */
    @ConfigProperty(name = "duban.events.source")
    String source;

    @Inject
    Event<Written> written;

    /** Fired for every event added; {@link OutboxRelay} reacts once the transaction has committed. */
    public record Written(UUID id) {
    }

    /**
     * Adds an event to the outbox.
     *
     * @param topic   Kafka topic
     * @param key     record key (ordering: all events of one key stay in order)
     * @param type    CloudEvents type, e.g. {@code task.assigned}
     * @param subject CloudEvents subject, e.g. the assignment id
     * @param data    the payload, serialised as JSON
     * @return the event id ({@code ce_id}), the consumers' deduplication key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(String topic, String key, String type, String subject, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
        }
        em.createNativeQuery("""
                INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb))""")
                .setParameter(1, id)
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, type)
                .setParameter(5, source)
                .setParameter(6, subject)
                .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(8, payload)
                .executeUpdate();
        written.fire(new Written(id));
        return id;
    }
}
