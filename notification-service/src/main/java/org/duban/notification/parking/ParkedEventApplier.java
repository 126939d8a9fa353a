package org.duban.notification.parking;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.Poison;

/**
 * A consumer whose records can be parked, and re-driven through the very logic that failed on them.
 * {@link #apply} runs the consumer's door checks and its effect in one new transaction, with
 * {@code alsoInTransaction} inside it (marking the parked row re-driven commits with the effect).
 */
public interface ParkedEventApplier {

    /** The name under which the consumer logs processed events and parks records. */
    String consumer();

    /** @throws RuntimeException as the consumer would fail on the record (a {@link Poison}, a database error) */
    void apply(ConsumerRecord<String, String> record, Runnable alsoInTransaction);
}
