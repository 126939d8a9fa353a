package org.duban.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value that was read but may not be accepted (a date outside {@code DateRange}, a control
 * character in a string). Jackson adds the path of the field as it unwinds, so the problem names it.
 */
public class RejectedValueException extends InvalidFormatException {

    private final String reason;
    private final boolean echo;

    RejectedValueException(JsonParser p, String reason, Object value, Class<?> targetType, boolean echo) {
        super(p, reason, value, targetType);
        this.reason = reason;
        this.echo = echo;
    }

    /** What is wrong with the value, for the problem's {@code errors[].message}. */
    public String reason() {
        return reason;
    }

    /** The value to echo in {@code rejectedValue}, or null when it should not be echoed (control characters). */
    public Object echoedValue() {
        return echo ? getValue() : null;
    }
}
