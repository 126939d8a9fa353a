package org.duban.replica;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.ConsumedEvents;
import org.duban.common.consuming.Failures;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.common.consuming.RecordRetry;
import org.duban.common.messaging.EventLogContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a replica's consumer applies a registry snapshot without ever stopping its channel (issue 13):
 * retried in place while the database is away, for as long as that lasts ({@link RecordRetry}); a
 * snapshot that cannot be applied — refused by the database, or failing {@code max-attempts} times
 * while it answers — is logged at ERROR with its cause, coordinates, key and value, counted, and
 * skipped (acknowledged). Skipping is safe for a snapshot topic: the next snapshot of that unit or
 * group carries its whole state, and the version guard ({@link ReplicaSnapshots}) keeps any replay
 * harmless. Nothing is nacked: a nack fails the channel (failure-strategy=fail) until a restart.
 */
@ApplicationScoped
public class SnapshotConsumption {

    private static final Logger LOG = Logger.getLogger(SnapshotConsumption.class);

    @Inject
    RecordRetry retry;

    /** The first wait before retrying a snapshot whose effect failed; it doubles up to max-wait. */
    @ConfigProperty(name = "duban.replica.consumer.first-wait", defaultValue = "100ms")
    Duration firstWait;

    /** The longest wait between retries: the pace during a database outage. */
    @ConfigProperty(name = "duban.replica.consumer.max-wait", defaultValue = "5s")
    Duration maxWait;

    /** Attempts of a snapshot failing for an unrecognised reason while the database answers; then it is skipped. */
    @ConfigProperty(name = "duban.replica.consumer.max-attempts", defaultValue = "5")
    int maxAttempts;

    private final AtomicLong skipped = new AtomicLong();

    /** Whether a snapshot is waiting for the database, since when, why. */
    public InPlaceRetry.State state() {
        return retry.state();
    }

    /** Snapshots skipped since the start. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Applies {@code record} with {@code step} (its own transaction), retrying in place.
     * @return true if applied, false if skipped
     * @throws IllegalStateException when the service stops meanwhile: the record is not acknowledged and is read again
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, InPlaceRetry.Step step) {
        String what = consumer + " " + record.topic() + "-" + record.partition() + "@" + record.offset();
        // every line logged while the snapshot is applied or skipped names its event (issue 15)
        EventLogContext logContext = EventLogContext.of(record);
        try {
            InPlaceRetry.Outcome outcome = retry.run(what, consumer, record, ConsumedEvents.SKIPPED, step,
                    new InPlaceRetry.Policy(firstWait, maxWait, maxAttempts));
            if (outcome.applied()) {
                return true;
            }
            skipped.incrementAndGet();
            LOG.errorf(outcome.error(), "%s skipped as %s after %d attempt(s): %s; key=%s value=%s"
                            + " (the replica keeps its previous version until the next snapshot of %s)",
                    what, Failures.reason(outcome.error()), outcome.attempts(), InPlaceRetry.describe(outcome.error()),
                    record.key(), record.value(), record.key());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " not applied: the service is stopping (the record is read again)", e);
        } finally {
            logContext.close();
        }
    }
}
