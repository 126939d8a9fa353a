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
     * What Idempotency-Key rows are scoped by: the subject and a digest of its authority (roles and
     * unit codes), so two callers never share a key, and a stored response is replayed only to the
     * caller that caused it holding the same authority. A token of the same subject with other
     * roles or units is a new request, checked as such (endpoints that take a key require a token,
     * so {@code anonymous} is only seen on refused requests).
     */
    public String idempotencyScope() {
        return anonymous() ? "anonymous" : "sub:" + subject + " authority:" + authorityDigest();
    }

    /** SHA-256 (hex, first 128 bits) of the sorted roles and unit codes. */
    String authorityDigest() {
        String authority = "roles=" + String.join(",", new java.util.TreeSet<>(roles))
                + ";units=" + String.join(",", new java.util.TreeSet<>(unitCodes));
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(authority.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
