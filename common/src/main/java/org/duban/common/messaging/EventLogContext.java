package org.duban.common.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;

/**
 * The event a thread is working on, in the log's MDC (issue 15): every line logged while a consumer
 * applies a record, the relay sends a batch or the delivery worker sends a notification carries
 * {@code eventId}, {@code eventType} and, where there is one, {@code unitCode} (JSON logs: under
 * {@code mdc}). Opened with try-with-resources; {@link #close} puts back what was there before, so a
 * nested context (a parked event re-driven while another is applied) leaves the outer one intact and
 * nothing leaks into the next record a pooled thread takes. Trace and span ids are not ours: the
 * OpenTelemetry extension puts {@code traceId}/{@code spanId} in the same MDC when a span is current.
 */
public final class EventLogContext implements AutoCloseable {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String UNIT_CODE = "unitCode";
    /** The outbox relay: how many events the batch of {@link #EVENT_ID} (its first) holds. */
    public static final String EVENT_COUNT = "eventCount";

    private static final String[] KEYS = {EVENT_ID, EVENT_TYPE, UNIT_CODE, EVENT_COUNT};

    private final Object[] before = new Object[KEYS.length];

    private EventLogContext() {
        for (int i = 0; i < KEYS.length; i++) {
            before[i] = MDC.get(KEYS[i]);
        }
    }

    /** A context for one event; a null value leaves its key out. */
    public static EventLogContext of(String eventId, String eventType) {
        EventLogContext c = new EventLogContext();
        set(EVENT_ID, eventId);
        set(EVENT_TYPE, eventType);
        set(UNIT_CODE, null);
        set(EVENT_COUNT, null);
        return c;
    }

    /** A context for a CloudEvent read from Kafka (its ce_id and ce_type; a record without them gets none). */
    public static EventLogContext of(ConsumerRecord<?, ?> record) {
        return of(header(record, "ce_id"), header(record, "ce_type"));
    }

    /** Adds the unit the current event concerns, once a consumer has read it from the data (until the context closes). */
    public static void unitCode(String unitCode) {
        set(UNIT_CODE, unitCode);
    }

    /** Adds {@link #UNIT_CODE} or {@link #EVENT_COUNT} to this context (until it closes). */
    public EventLogContext with(String key, String value) {
        if (!UNIT_CODE.equals(key) && !EVENT_COUNT.equals(key)) {
            throw new IllegalArgumentException("not a key of the event context: " + key);
        }
        set(key, value);
        return this;
    }

    /** Puts back the values the keys had when the context was opened. */
    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (before[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], before[i]);
            }
        }
    }

    private static void set(String key, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers() == null ? null : record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
