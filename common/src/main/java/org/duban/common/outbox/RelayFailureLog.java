package org.duban.common.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What the relay says about its failures: the first one with its cause, then at most one line per
 * {@code interval} with the number of failures since the last line (a broker outage of an hour is
 * 60 lines, not 3,600), and one line when it publishes again. Pure logic: the caller logs the lines.
 * Not thread-safe; the relay calls it under its own lock.
 */
final class RelayFailureLog {

    private final Duration interval;
    private Instant firstFailure;
    private Instant lastLine;
    private long failures;
    private long unreported;

    RelayFailureLog(Duration interval) {
        this.interval = interval;
    }

    /** A failed attempt: the line to log now, or empty while the interval since the last line runs. */
    Optional<String> failed(Throwable error, Instant now) {
        failures++;
        if (firstFailure == null) {
            firstFailure = now;
            lastLine = now;
            unreported = 0;
            return Optional.of("outbox relay cannot publish; the events stay in the outbox and are retried: "
                    + describe(error));
        }
        unreported++;
        if (Duration.between(lastLine, now).compareTo(interval) < 0) {
            return Optional.empty();
        }
        String line = "outbox relay still cannot publish: " + unreported + " failed attempt(s) in the last "
                + human(Duration.between(lastLine, now)) + " (" + failures + " since " + firstFailure + "); last cause: "
                + describe(error);
        lastLine = now;
        unreported = 0;
        return Optional.of(line);
    }

    /** A batch was published: the recovery line after failures, else empty. */
    Optional<String> published(Instant now) {
        if (firstFailure == null) {
            return Optional.empty();
        }
        String line = "outbox relay publishes again after " + failures + " failed attempt(s) over "
                + human(Duration.between(firstFailure, now));
        firstFailure = null;
        lastLine = null;
        failures = 0;
        unreported = 0;
        return Optional.of(line);
    }

    boolean failing() {
        return firstFailure != null;
    }

    /**
     * The real cause of {@code error}: the wrappers a future adds (ExecutionException,
     * CompletionException) are skipped, and every cause is named by its class, since some carry no
     * message at all (a {@code TimeoutException} from {@code Future.get}).
     */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable t = error;
        int depth = 0;
        while (t != null && depth++ < 6) {
            if (!(t instanceof ExecutionException || t instanceof CompletionException) || t.getCause() == null) {
                if (!out.isEmpty()) {
                    out.append(" <- caused by ");
                }
                out.append(t.getClass().getName());
                if (t.getMessage() != null && !t.getMessage().isBlank()) {
                    out.append(": ").append(t.getMessage());
                }
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return out.toString();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s / 60 + " min";
    }
}
