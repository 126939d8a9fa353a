package org.duban.common.consuming;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A service's side of {@link InPlaceRetry} for its Kafka consumers (issue 13): waits that end at once
 * when the service stops, the probe that tells an outage from a bad record, and the state the health
 * checks show. One per service: every consumer of the service waits for the same database.
 */
@ApplicationScoped
public class RecordRetry {

    @Inject
    DataSource dataSource;

    @Inject
    Instance<Clock> clocks;

    @Inject
    ConsumedEvents consumed;

    private final InPlaceRetry.State state = new InPlaceRetry.State();
    private final Object lock = new Object();
    private volatile boolean stopping;

    /** A consumer waiting for the database must not hold up the shutdown: its wait ends, its record stays unacknowledged. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    public InPlaceRetry.State state() {
        return state;
    }

    /**
     * Runs {@code step} until it is applied or given up ({@link InPlaceRetry#run}).
     * @throws InterruptedException when the service stops meanwhile: the record must not be acknowledged
     */
    public InPlaceRetry.Outcome run(String what, InPlaceRetry.Step step, InPlaceRetry.Policy policy)
            throws InterruptedException {
        return InPlaceRetry.run(what, step, policy, this::databaseAnswers, this::pause, clock(), state);
    }

    /**
     * Runs {@code step} for {@code consumer}'s {@code record} as {@link #run(String, InPlaceRetry.Step, InPlaceRetry.Policy)}
     * does, and counts it in {@code duban.events.consumed} ({@link ConsumedEvents}): applied or duplicate when it
     * succeeds, retried at every wait, {@code givenUpAs} (parked, skipped) when it is given up.
     */
    public InPlaceRetry.Outcome run(String what, String consumer, ConsumerRecord<?, ?> record, String givenUpAs,
                                    InPlaceRetry.Step step, InPlaceRetry.Policy policy) throws InterruptedException {
        String type = ConsumedEvents.type(record);
        boolean[] duplicate = {false};
        InPlaceRetry.Outcome outcome = InPlaceRetry.run(what, () -> duplicate[0] = consumed.attempt(step), policy,
                this::databaseAnswers, d -> {
                    consumed.count(consumer, type, ConsumedEvents.RETRIED);
                    pause(d);
                }, clock(), state);
        consumed.count(consumer, type, !outcome.applied() ? givenUpAs
                : duplicate[0] ? ConsumedEvents.DUPLICATE : ConsumedEvents.APPLIED);
        return outcome;
    }

    /**
     * Runs {@code step} — {@code consumer} applying {@code records} together, in one transaction — as
     * {@link #run(String, InPlaceRetry.Step, InPlaceRetry.Policy)} does; every wait counts each record as
     * retried in {@code duban.events.consumed}. The caller counts what became of each record.
     */
    public InPlaceRetry.Outcome runAll(String what, String consumer, List<? extends ConsumerRecord<?, ?>> records,
                                       InPlaceRetry.Step step, InPlaceRetry.Policy policy) throws InterruptedException {
        List<String> types = records.stream().map(ConsumedEvents::type).toList();
        return InPlaceRetry.run(what, step, policy, this::databaseAnswers, d -> {
            types.forEach(t -> consumed.count(consumer, t, ConsumedEvents.RETRIED));
            pause(d);
        }, clock(), state);
    }

    /** The service's clock when it has one (tests move it), else the system's. */
    private Clock clock() {
        return clocks != null && clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
    }

    /** Waits up to {@code d}; ends at once when the service stops. */
    public void pause(Duration d) throws InterruptedException {
        synchronized (lock) {
            if (stopping) {
                throw new InterruptedException("stopping");
            }
            lock.wait(Math.max(1, d.toMillis()));
            if (stopping) {
                throw new InterruptedException("stopping");
            }
        }
    }

    /** Whether the database answers now: an unrecognised failure while it does counts against the record. */
    public boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
