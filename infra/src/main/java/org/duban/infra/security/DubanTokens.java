package org.duban.infra.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Mints Duban bearer JWTs (issuer {@code duban}, RS256) for the four roles, with SmallRye JWT
 * Build: {@code groups} holds the role, a {@code unit-operator} carries {@code unit} (its unit
 * code), an {@code integration} carries {@code units} (the units it acts for).
 */
public final class DubanTokens {

    public static final String ISSUER = "duban";
    public static final List<String> ROLES = List.of("supervisor", "unit-operator", "integration", "viewer");

    private DubanTokens() {
    }

    public static String mint(DubanKeys keys, String role, List<String> unitCodes, Duration lifespan) {
        check(role, unitCodes);
        return mint(keys.loadPrivateKey(), keys.keyId(), ISSUER, defaultSubject(role, unitCodes), role, unitCodes,
                Instant.now().plus(lifespan));
    }

    public static String mint(PrivateKey key, String keyId, String issuer, String subject, String role,
                              List<String> unitCodes, Instant expiresAt) {
        check(role, unitCodes);
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(role))
                .issuedAt(now.minusSeconds(1)).expiresAt(expiresAt);
        if (role.equals("unit-operator")) {
            claims.claim("unit", unitCodes.get(0));
        } else if (role.equals("integration")) {
            claims.claim("units", List.copyOf(unitCodes));
        }
        return claims.jws().keyId(keyId).sign(key);
    }

    private static void check(String role, List<String> unitCodes) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role " + role + "; one of " + ROLES);
        }
        if (role.equals("unit-operator") && unitCodes.size() != 1) {
            throw new IllegalArgumentException("a unit-operator token names exactly one unit code");
        }
        if (role.equals("integration") && unitCodes.isEmpty()) {
            throw new IllegalArgumentException("an integration token names the unit codes it acts for");
        }
    }

    public static String defaultSubject(String role, List<String> unitCodes) {
        return switch (role) {
            case "unit-operator" -> "unit:" + unitCodes.get(0);
            case "integration" -> "integration:oa";
            default -> role + ":local";
        };
    }
}
