package org.duban.common.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The claim rules of a Duban bearer token, checked once its signature, issuer, audience and times
 * have been verified ({@link StrictJwtCallerPrincipalFactory}). Each role has one shape, and any
 * other shape is refused rather than read generously, so that no token can act for more units than
 * its role allows:
 * <ul>
 * <li>{@code sub}: a non-blank string (who acts, the actor in history rows);</li>
 * <li>{@code groups}: an array of non-blank strings, or one string (the role);</li>
 * <li>{@code unit-operator}: {@code unit} is exactly one non-blank string, and there is no {@code units};</li>
 * <li>{@code integration}: {@code units} is a non-empty array of non-blank strings, and there is no {@code unit};</li>
 * <li>any other role: neither {@code unit} nor {@code units}.</li>
 * </ul>
 * Works on the payload as signed (JSON types as jose4j reads them: String, Long, List, Map …).
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** A token whose claims break a rule; the message names the rule, never a claim's value. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public static void check(Map<String, Object> claims) throws Invalid {
        if (!(claims.get("sub") instanceof String sub) || sub.isBlank()) {
            throw new Invalid("sub must be a non-empty string");
        }
        List<String> roles = roles(claims.get("groups"));
        boolean unitOperator = roles.contains(Caller.UNIT_OPERATOR);
        boolean integration = roles.contains(Caller.INTEGRATION);
        boolean hasUnit = claims.containsKey(Caller.UNIT_CLAIM);
        boolean hasUnits = claims.containsKey(Caller.UNITS_CLAIM);
        if (unitOperator) {
            if (!(claims.get(Caller.UNIT_CLAIM) instanceof String unit) || unit.isBlank()) {
                throw new Invalid("a unit-operator token names its one unit in unit (a string)");
            }
            if (hasUnits) {
                throw new Invalid("a unit-operator token has no units claim");
            }
        }
        if (integration) {
            if (!(claims.get(Caller.UNITS_CLAIM) instanceof List<?> units) || units.isEmpty()
                    || !units.stream().allMatch(u -> u instanceof String s && !s.isBlank())) {
                throw new Invalid("an integration token names its units in units (a non-empty array of strings)");
            }
            if (hasUnit) {
                throw new Invalid("an integration token has no unit claim");
            }
        }
        if (!unitOperator && !integration && (hasUnit || hasUnits)) {
            throw new Invalid("only unit-operator and integration tokens carry unit claims");
        }
    }

    private static List<String> roles(Object groups) throws Invalid {
        if (groups instanceof String role && !role.isBlank()) {
            return List.of(role.strip());
        }
        if (groups instanceof List<?> list && !list.isEmpty()) {
            List<String> roles = new ArrayList<>();
            for (Object g : list) {
                if (!(g instanceof String role) || role.isBlank()) {
                    throw new Invalid("groups must hold strings only");
                }
                roles.add(role);
            }
            return roles;
        }
        throw new Invalid("groups must name the role (an array of strings)");
    }
}
