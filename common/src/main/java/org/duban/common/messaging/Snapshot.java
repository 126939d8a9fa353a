package org.duban.common.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;

/**
 * A registry snapshot (duban.units, duban.unit-groups) as the replicas read it: the CloudEvent's id
 * and its JSON data, which names a {@code code}. One place decides what is skipped, and logs it.
 */
public record Snapshot(String eventId, JsonNode data) {

    private static final Logger LOG = Logger.getLogger(Snapshot.class);

    public String code() {
        return data.path("code").asText();
    }

    /** The snapshot, or empty (logged at WARN with topic, partition and offset) for an unreadable record. */
    public static Optional<Snapshot> read(ConsumerRecord<String, String> record, ObjectMapper json) {
        try {
            IncomingEvent event = IncomingEvent.of(record);
            JsonNode data = event.data() == null ? null : json.readTree(event.data());
            if (data == null || data.path("code").asText(null) == null) {
                LOG.warnf("skipping %s-%d@%d: snapshot without code", record.topic(), record.partition(), record.offset());
                return Optional.empty();
            }
            return Optional.of(new Snapshot(event.id(), data));
        } catch (IllegalArgumentException | IOException e) {
            LOG.warnf("skipping unreadable %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
