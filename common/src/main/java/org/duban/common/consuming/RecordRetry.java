package org.duban.common.consuming;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;

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

    /** The service's clock when it has one (tests move it), else the system's. */
    private Clock clock() {
        return clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
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
