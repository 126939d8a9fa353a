package org.duban.notification.delivery;

import java.time.Duration;

/**
 * What one attempt of a delivery came to, as its {@link Sender} tells it. {@code gone}: the receiver
 * answered 410 and is not to be called again ({@link Sender#gone}). {@code endpointDisabled}: no call
 * was made, the target is disabled or deleted.
 */
public record Outcome(boolean ok, Integer statusCode, String error, Duration retryAfter, boolean gone,
                      boolean permanent, boolean endpointDisabled) {

    public static Outcome success(int status) {
        return new Outcome(true, status, null, null, false, false, false);
    }

    public static Outcome failure(Integer status, String error, Duration retryAfter) {
        return new Outcome(false, status, error, retryAfter, false, false, false);
    }

    /** No retry can help (410 Gone, endpoint refused): straight to the dead letters. */
    public static Outcome permanent(Integer status, String error, boolean gone) {
        return new Outcome(false, status, error, null, gone, true, false);
    }

    /** Not sent: the endpoint was disabled or deleted after the delivery was written; a dead letter. */
    public static Outcome endpointDisabled(String error) {
        return new Outcome(false, null, error, null, false, true, true);
    }
}
