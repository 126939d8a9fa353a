package org.duban.notification.unit;

/**
 * The form of a unit code wherever a request names one (a path's {@code {code}}, a body's
 * {@code unitCode}): the registry's own rule (unit-registry-service UnitApi.CODE_PATTERN), so a
 * code that cannot exist is a 400 naming the field, not an empty answer or a stored oddity.
 */
public final class UnitCodes {
    private UnitCodes() {
    }

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,39}";
    public static final String MESSAGE = "must be lower-case letters, digits and '-', at most 40";
}
