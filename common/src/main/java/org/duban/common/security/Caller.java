package org.duban.common.security;

import java.util.Set;

/**
 * Who calls, as the bearer JWT says: its subject, its roles ({@code groups} claim) and the unit
 * codes it acts for ({@code unit} claim of a {@code unit-operator}, {@code units} of an
 * {@code integration}). {@link #ANONYMOUS} when no valid token was sent.
 * <p>
 * Roles are checked on endpoints ({@code @RolesAllowed}); what a role may do with a particular
 * unit's data is decided here, once, and enforced by {@link Access} in the services:
 * <ul>
 * <li>{@code supervisor} — the supervising office: reads and acts for every unit;</li>
 * <li>{@code viewer} — reads every unit's data, acts for none;</li>
 * <li>{@code unit-operator} — reads and acts for its one unit ({@code unit} claim);</li>
 * <li>{@code integration} — the OA system: reads and acts for the units in its {@code units} claim.</li>
 * </ul>
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

    /** May act (write) for this unit's work: supervisor, or a unit-operator/integration holding it. */
    public boolean mayActFor(String unitCode) {
        return hasRole(SUPERVISOR) || (actsForListedUnits() && unitCode != null && unitCodes.contains(unitCode));
    }

    /** May read this unit's work: supervisor and viewer read all, the others their own units. */
    public boolean mayRead(String unitCode) {
        return seesAllUnits() || (actsForListedUnits() && unitCode != null && unitCodes.contains(unitCode));
    }

    /** Supervisor or viewer: reads are not limited to some units. */
    public boolean seesAllUnits() {
        return hasRole(SUPERVISOR) || hasRole(VIEWER);
    }

    /**
     * The units whose data this caller may read, or {@code null} for all units. A list endpoint
     * narrows its query to these; an empty set means nothing.
     */
    public Set<String> readableUnits() {
        if (seesAllUnits()) {
            return null;
        }
        return actsForListedUnits() ? unitCodes : Set.of();
    }

    private boolean actsForListedUnits() {
        return hasRole(UNIT_OPERATOR) || hasRole(INTEGRATION);
    }

    /**
     * What Idempotency-Key rows are scoped by, so two callers never share a key (endpoints that
     * take one require a token, so {@code anonymous} is only seen on refused requests).
     */
    public String idempotencyScope() {
        return anonymous() ? "anonymous" : "sub:" + subject;
    }
}
