package org.duban.common.consuming;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Runs one step (applying one record) until it succeeds or is known not to, in place: the record is
 * neither acknowledged nor nacked meanwhile, so the partition waits and nothing is lost.
 * <ul>
 * <li>a TRANSIENT failure ({@link Failures}: the database is down, restarting, asked for a retry) is
 * retried after a wait that doubles from {@code firstWait} to {@code maxWait}, for as long as it lasts;</li>
 * <li>a PERMANENT failure gives up at once;</li>
 * <li>an UNKNOWN failure counts as an attempt only while the database answers ({@code databaseAnswers}):
 * an error the driver did not label during an outage is the outage, not the record. After
 * {@code maxAttempts} counted attempts it gives up.</li>
 * </ul>
 * Plain Java: the waits, the probe and the clock are given, so tests run it without a database.
 */
public final class InPlaceRetry {

    private static final Logger LOG = Logger.getLogger(InPlaceRetry.class);
    /** A long outage is logged once, then every this often. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    public interface Pause {
        /** Waits; throws when the service is stopping (the record stays unacknowledged). */
        void sleep(Duration d) throws InterruptedException;
    }

    public record Policy(Duration firstWait, Duration maxWait, int maxAttempts) {
    }

    /** What happened: applied, or given up after {@code attempts} counted attempts with {@code error}. */
    public record Outcome(boolean applied, int attempts, Throwable error) {
        static Outcome done(int attempts) {
            return new Outcome(true, attempts, null);
        }
    }

    /** Shared with the health check: whether a step is waiting for the database, since when, why. */
    public static final class State {
        private volatile Instant retryingSince;
        private volatile String lastTransientError;
        private final AtomicLong outages = new AtomicLong();

        public Instant retryingSince() {
            return retryingSince;
        }

        public String lastTransientError() {
            return lastTransientError;
        }

        /** How many times a step began to wait for the database (since the start). */
        public long outages() {
            return outages.get();
        }
    }

    private InPlaceRetry() {
    }

    public static Outcome run(String what, Step step, Policy policy, BooleanSupplier databaseAnswers, Pause pause,
                              Clock clock, State state) throws InterruptedException {
        int counted = 0;
        Duration wait = policy.firstWait();
        Instant outageSince = null;
        Instant loggedAt = null;
        while (true) {
            try {
                step.run();
                if (outageSince != null) {
                    LOG.infof("%s applied after the database came back (%s of retries)", what,
                            Duration.between(outageSince, clock.instant()));
                    state.retryingSince = null;
                }
                return Outcome.done(counted + 1);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Failures.Kind kind = Failures.classify(e);
                if (kind == Failures.Kind.UNKNOWN && !answers(databaseAnswers)) {
                    kind = Failures.Kind.TRANSIENT;
                }
                if (kind == Failures.Kind.PERMANENT) {
                    clear(state, outageSince);
                    return new Outcome(false, counted + 1, e);
                }
                if (kind == Failures.Kind.TRANSIENT) {
                    Instant now = clock.instant();
                    if (outageSince == null) {
                        outageSince = now;
                        state.retryingSince = now;
                        state.outages.incrementAndGet();
                    }
                    state.lastTransientError = describe(e);
                    if (loggedAt == null || !now.isBefore(loggedAt.plus(LOG_EVERY))) {
                        LOG.warnf("%s waits for the database (%s); retrying every %s at most, without limit", what,
                                describe(e), policy.maxWait());
                        loggedAt = now;
                    }
                } else {
                    counted++;
                    if (counted >= policy.maxAttempts()) {
                        clear(state, outageSince);
                        return new Outcome(false, counted, e);
                    }
                    LOG.warnf("%s failed (attempt %d of %d): %s", what, counted, policy.maxAttempts(), describe(e));
                }
                pause.sleep(wait);
                wait = wait.multipliedBy(2);
                if (wait.compareTo(policy.maxWait()) > 0) {
                    wait = policy.maxWait();
                }
            }
        }
    }

    private static void clear(State state, Instant outageSince) {
        if (outageSince != null) {
            state.retryingSince = null;
        }
    }

    private static boolean answers(BooleanSupplier databaseAnswers) {
        try {
            return databaseAnswers.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The class and message of the telling cause, on one line. */
    public static String describe(Throwable e) {
        Throwable c = Failures.cause(e);
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' ').replace('\r', ' '));
    }
}
