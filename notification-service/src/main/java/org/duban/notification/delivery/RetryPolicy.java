package org.duban.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again. Pure: the schedule, the jitter and the random source in.
 * Attempt n (1-based) that failed waits {@code schedule[n-1] · (1 ± jitter)}, or the receiver's
 * {@code Retry-After} if that is longer (capped); after the last entry of the schedule there is no
 * next attempt: the delivery becomes a dead letter.
 */
public record RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, DoubleSupplier random) {

    /** Attempts in all: the first and one per schedule entry. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }

    /** The wait after failed attempt {@code attempt} (1-based), or empty if it was the last. */
    public Optional<Duration> nextDelay(int attempt, Duration retryAfter) {
        if (attempt >= maxAttempts()) {
            return Optional.empty();
        }
        Duration base = schedule.get(attempt - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        Duration wait = Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
        if (retryAfter != null) {
            Duration honoured = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (honoured.compareTo(wait) > 0) {
                wait = honoured;
            }
        }
        return Optional.of(wait);
    }

    /** A {@code Retry-After} header: delay-seconds or an HTTP-date; null if absent or unreadable. */
    public static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        try {
            long s = Long.parseLong(v);
            return s < 0 ? null : Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
