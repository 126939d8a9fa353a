package org.duban.common.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@link Caller} of the current request, read from its verified bearer JWT (SmallRye JWT:
 * signature, issuer, audience, expiry and lifetime; then {@link TokenClaims}: one shape per role,
 * checked before this sees it). A request without a token is {@link Caller#ANONYMOUS}; one with an
 * invalid token never reaches a resource (401).
 */
@ApplicationScoped
public class CurrentCaller {

    @Inject
    CurrentIdentityAssociation identities;

    public Caller get() {
        SecurityIdentity identity;
        try {
            identity = identities.getIdentity();
        } catch (jakarta.enterprise.context.ContextNotActiveException outsideRequest) {
            // a scheduler pass or a Kafka consumer: nobody calls
            return Caller.ANONYMOUS;
        }
        // anything else (e.g. resolving the identity on the event loop) is a bug to surface, not an anonymous caller
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        return of(identity);
    }

    /**
     * The units are read from the one claim of the caller's role only — {@code unit} of a
     * unit-operator, {@code units} of an integration — never merged from both.
     */
    static Caller of(SecurityIdentity identity) {
        Set<String> units = new LinkedHashSet<>();
        String subject = identity.getPrincipal().getName();
        Set<String> roles = identity.getRoles();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            subject = jwt.getSubject() != null ? jwt.getSubject() : subject;
            if (roles.contains(Caller.UNIT_OPERATOR)) {
                addClaim(units, jwt.getClaim(Caller.UNIT_CLAIM));
            } else if (roles.contains(Caller.INTEGRATION)) {
                addClaim(units, jwt.getClaim(Caller.UNITS_CLAIM));
            }
        }
        return new Caller(subject, roles, units);
    }

    private static void addClaim(Set<String> units, Object claim) {
        if (claim == null) {
            return;
        }
        if (claim instanceof Collection<?> c) {
            c.forEach(v -> addClaim(units, v));
        } else if (claim instanceof jakarta.json.JsonString s) {
            units.add(s.getString());
        } else if (claim instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> addClaim(units, v));
        } else if (claim instanceof String v && !v.isBlank()) {
            units.add(v);
        }
    }
}
