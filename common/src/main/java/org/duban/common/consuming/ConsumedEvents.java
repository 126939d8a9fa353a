package org.duban.common.consuming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Counts what the consumers did with each record (issue 15): {@code duban.events.consumed} with the
 * consumer, the event type ({@code ce_type}) and the outcome → {@code duban_events_consumed_total}.
 * {@link RecordRetry} records applied, duplicate and retried; the caller that gives a record up
 * says whether it was parked or skipped.
 */
@ApplicationScoped
public class ConsumedEvents {

    public static final String NAME = "duban.events.consumed";

    /** The effect was applied (committed). */
    public static final String APPLIED = "applied";
    /** Applied before (found in processed_event): nothing changed. */
    public static final String DUPLICATE = "duplicate";
    /** Given up and acknowledged without a trace but the log (a replica's snapshot). */
    public static final String SKIPPED = "skipped";
    /** Given up and kept in parked_event for a re-drive (notification-service). */
    public static final String PARKED = "parked";
    /** One attempt failed and the record is tried again (a database outage counts once per wait). */
    public static final String RETRIED = "retried";

    /** The type tag of a record without {@code ce_type}. */
    static final String UNKNOWN_TYPE = "unknown";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    /**
     * Whether the attempt running on this thread met an event it had applied before: set by
     * {@link #duplicate()} from ProcessedEvents inside the step, read by {@link RecordRetry} after it.
     * Consumers are blocking: a step runs on the thread that called RecordRetry.
     */
    private static final ThreadLocal<boolean[]> SEEN_BEFORE = new ThreadLocal<>();

    @Inject
    MeterRegistry registry;

    public void count(String consumer, ConsumerRecord<?, ?> record, String outcome) {
        count(consumer, type(record), outcome);
    }

    void count(String consumer, String type, String outcome) {
        counters.computeIfAbsent(new Key(consumer, type, outcome), k -> Counter.builder(NAME)
                .description("Records handled by a consumer, by event type and outcome")
                .tag("consumer", consumer).tag("type", type).tag("outcome", outcome)
                .register(registry)).increment();
    }

    /** A counter's tags. */
    private record Key(String consumer, String type, String outcome) {
    }

    /**
     * The counters met so far (hcons4: registering one per record — tags sorted, an id built, the registry's map
     * looked up — was 3 % of the inbox consumer's samples). Bounded: consumers and outcomes are constants, and a type
     * is one of the catalogue's shape ({@link #type}), as the registry itself would hold them.
     */
    private final ConcurrentHashMap<Key, Counter> counters = new ConcurrentHashMap<>();

    /** ProcessedEvents found the event's id: the attempt running on this thread (if any) is a duplicate. */
    public void duplicate() {
        boolean[] seen = SEEN_BEFORE.get();
        if (seen != null) {
            seen[0] = true;
        }
    }

    /** Runs one attempt of a step, telling whether it met a duplicate. */
    boolean attempt(InPlaceRetry.Step step) throws Exception {
        boolean[] outer = SEEN_BEFORE.get();
        boolean[] seen = {false};
        SEEN_BEFORE.set(seen);
        try {
            step.run();
            return seen[0];
        } finally {
            if (outer == null) {
                SEEN_BEFORE.remove();
            } else {
                SEEN_BEFORE.set(outer);
            }
        }
    }

    /**
     * The record's CloudEvents type, from its {@code ce_type} header; {@code unknown} when missing or not
     * shaped like a type name (a hostile header must not create a time series per record).
     */
    public static String type(ConsumerRecord<?, ?> record) {
        Header h = record.headers() == null ? null : record.headers().lastHeader("ce_type");
        String type = h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        return type != null && TYPE.matcher(type).matches() ? type : UNKNOWN_TYPE;
    }
}
