package org.duban.common.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * An outbox row as the Kafka record the relay sends (hinbox, issue 16), pure logic: CloudEvents 1.0 in Kafka binary
 * mode, the same headers the SmallRye connector's {@code cloud-events-mode=binary} wrote when the relay still went
 * through its emitter — {@code ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source},
 * {@code ce_subject}, {@code ce_datacontenttype} and {@code content-type} (both {@code application/json}),
 * {@code ce_time} (ISO offset date-time) — key = the row's key, value = its JSON payload as written. The trace
 * headers are added by the relay (its PRODUCER span).
 */
final class OutboxRecords {

    static final String SPEC_VERSION = "1.0";
    static final String JSON = "application/json";

    private OutboxRecords() {
    }

    static ProducerRecord<String, String> of(OutboxRow r) {
        Headers h = new RecordHeaders();
        add(h, "ce_specversion", SPEC_VERSION);
        add(h, "ce_id", r.id().toString());
        add(h, "ce_type", r.type());
        add(h, "ce_source", r.source());
        if (r.subject() != null) {
            add(h, "ce_subject", r.subject());
        }
        add(h, "ce_datacontenttype", JSON);
        add(h, "content-type", JSON);
        add(h, "ce_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.occurredAt()));
        return new ProducerRecord<>(r.topic(), null, null, r.key(), r.payload(), h);
    }

    static void add(Headers h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
