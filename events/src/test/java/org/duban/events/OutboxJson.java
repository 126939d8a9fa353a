package org.duban.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson settings the producers' outbox ({@code org.duban.common.outbox.Outbox}) serialises events with: the
 * Quarkus application ObjectMapper, whose defaults (quarkus-jackson's ConfigurationCustomizer, no
 * {@code quarkus.jackson.*} set in any service) are these: java.time and Optional modules, dates as ISO strings,
 * unknown members ignored when reading.
 */
final class OutboxJson {
    private OutboxJson() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }
}
