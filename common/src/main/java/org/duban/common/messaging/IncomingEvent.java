package org.duban.common.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * A CloudEvent read from a Kafka record in binary mode: {@code ce_*} headers and JSON data.
 * {@link #id()} is the deduplication key.
 */
public record IncomingEvent(String id, String type, String source, String subject, String key, String data) {

    /** Reads the event; a record without {@code ce_id} or {@code ce_type} is rejected. */
    public static IncomingEvent of(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new IllegalArgumentException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent (ce_id/ce_type missing)");
        }
        return new IncomingEvent(id, type, header(record, "ce_source"), header(record, "ce_subject"),
                record.key(), record.value());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
