package org.duban.common.security;

import java.util.Set;

/**
 * Who calls, as the bearer JWT says: its subject, its roles ({@code groups} claim) and the unit
 * codes it acts for ({@code unit} claim of a {@code unit-operator}, {@code units} of an
 * {@code integration}). {@link #ANONYMOUS} when no valid token was sent.
 * <p>
 * Authentication is not enforced yet (issue 7, next step: {@code @RolesAllowed} and object-level
 * checks); today a request without a token is served as before.
 */
public record Caller(String subject, Set<String> roles, Set<String> unitCodes) {

    public static final String SUPERVISOR = "supervisor";
    public static final String UNIT_OPERATOR = "unit-operator";
    public static final String INTEGRATION = "integration";
    public static final String VIEWER = "viewer";

    /** Claim of a unit-operator token: its one unit code. */
    public static final String UNIT_CLAIM = "unit";
    /** Claim of an integration token: the unit codes it acts for. */
    public static final String UNITS_CLAIM = "units";

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), Set.of());

    public Caller {
        roles = Set.copyOf(roles);
        unitCodes = Set.copyOf(unitCodes);
    }

    public boolean anonymous() {
        return subject == null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * What Idempotency-Key rows are scoped by, so two callers never share a key. Everyone
     * without a token shares the {@code anonymous} scope until authentication is enforced.
     */
    public String idempotencyScope() {
        return anonymous() ? "anonymous" : "sub:" + subject;
    }
}
