package org.duban.notification.parking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.ConsumedEvents;
import org.duban.common.consuming.Failures;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.common.consuming.RecordRetry;
import org.duban.common.messaging.EventLogContext;
import org.duban.notification.NotificationConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a consumer of this service applies a record without ever stopping (issue 13): the effect is
 * retried in place while the database is away ({@link InPlaceRetry}, {@link RecordRetry}), and a record that cannot be
 * applied is parked ({@link ParkedEvents}) and acknowledged, so its partition moves on. Nothing is
 * nacked: a nack would fail the channel (failure-strategy=fail) and take health DOWN for good.
 */
@ApplicationScoped
public class Consumption {

    private static final Logger LOG = Logger.getLogger(Consumption.class);

    @Inject
    NotificationConfig config;

    @Inject
    ParkedEvents parked;

    @Inject
    RecordRetry retry;

    public InPlaceRetry.State state() {
        return retry.state();
    }

    /**
     * Applies {@code record} with {@code step}, retrying in place; parks it when it cannot be applied.
     * @return true if applied, false if parked (or, should even parking fail for good, logged and passed over)
     * @throws IllegalStateException when the service stops meanwhile: the record is not acknowledged and is read again
     */
    public boolean consume(String consumer, ConsumerRecord<String, String> record, InPlaceRetry.Step step) {
        String what = consumer + " " + coordinates(record);
        // every line logged while the record is applied or parked names its event (issue 15)
        EventLogContext logContext = EventLogContext.of(record);
        try {
            InPlaceRetry.Outcome outcome = retry.run(what, consumer, record, ConsumedEvents.PARKED, step, policy());
            if (outcome.applied()) {
                return true;
            }
            AtomicReference<UUID> id = new AtomicReference<>();
            InPlaceRetry.Outcome parking = retry.run("parking " + what,
                    () -> id.set(parked.park(consumer, record, outcome.error(), outcome.attempts())), policy());
            if (!parking.applied()) {
                // the parked_event row itself is refused: log all we know rather than stop the partition for good
                LOG.errorf(parking.error(), "%s could not be applied (%s) nor parked (%s); passed over: key=%s value=%s",
                        what, InPlaceRetry.describe(outcome.error()), InPlaceRetry.describe(parking.error()),
                        record.key(), record.value());
                return false;
            }
            LOG.warnf("%s parked as %s after %d attempt(s): %s (GET /api/v1/parked-events/%s)", what,
                    Failures.reason(outcome.error()), outcome.attempts(), InPlaceRetry.describe(outcome.error()), id.get());
            parked.redriveIfUnitArrived(id.get());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " not applied: the service is stopping (the record is read again)", e);
        } finally {
            logContext.close();
        }
    }

    /**
     * Runs {@code step} — the records of a batch in one transaction — retrying it in place only while the
     * database is away ({@link InPlaceRetry}: an outage is waited out, and the batch applied together when it
     * is back); any other failure gives up at once, so the caller applies the records one at a time.
     * @return true if applied; false if it failed for another reason than an outage
     * @throws IllegalStateException when the service stops meanwhile: the records are not acknowledged
     */
    public boolean together(String consumer, List<ConsumerRecord<String, String>> records, InPlaceRetry.Step step) {
        NotificationConfig.Consumer c = config.consumer();
        String what = consumer + " " + records.size() + " records from " + coordinates(records.get(0));
        try {
            InPlaceRetry.Outcome outcome = retry.runAll(what, consumer, records, step,
                    new InPlaceRetry.Policy(c.firstWait(), c.maxWait(), 1));
            if (!outcome.applied()) {
                LOG.infof("%s: applied one at a time, applying them together failed (%s)", what,
                        InPlaceRetry.describe(outcome.error()));
            }
            return outcome.applied();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " not applied: the service is stopping (the records are read again)", e);
        }
    }

    private InPlaceRetry.Policy policy() {
        NotificationConfig.Consumer c = config.consumer();
        return new InPlaceRetry.Policy(c.firstWait(), c.maxWait(), c.maxAttempts());
    }

    /** Waits up to {@code d}; ends at once when the service stops. */
    public void pause(Duration d) throws InterruptedException {
        retry.pause(d);
    }

    public static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
