package org.duban.common.unit;

/**
 * The form of a unit code (e.g. {@code sfj}, {@code xzq}), the registry's rule, used wherever a
 * request names a unit (a path's {@code {code}}, a body's {@code unitCode}) so that a code that
 * cannot exist is a 400 naming the field, not an empty answer or a stored oddity.
 */
public final class UnitCodes {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,39}";
    public static final String MESSAGE = "must be lower-case letters, digits and '-', at most 40";

    private UnitCodes() {
    }
}
