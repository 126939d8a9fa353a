package org.duban.common.consuming;

/**
 * A record the consumer will never apply as it is: given up at once (notification-service parks it),
 * with {@link #reason} (a stable word an operator filters by) and a message saying what is wrong with it.
 */
public class Poison extends RuntimeException {

    public static final String UNKNOWN_UNIT = "unknown-unit";
    public static final String CONTROL_CHARACTER = "control-character";
    public static final String DATE_OUT_OF_RANGE = "date-out-of-range";
    /** Not a CloudEvent, no data, or data that is not JSON. */
    public static final String UNREADABLE = "unreadable";
    /** JSON without a member the event needs, or with one of the wrong shape. */
    public static final String INVALID = "invalid";
    /** The database refused the effect (SQLState class 22 or 23). */
    public static final String DATA_ERROR = "data-error";
    /** Failed every attempt for a reason nobody recognised. */
    public static final String FAILED = "failed";

    private final String reason;

    public Poison(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
