package org.duban.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Token verification of every service: SmallRye JWT's (signature, issuer, audience, expiry,
 * {@code iat} and maximum lifetime), then Duban's claim rules ({@link TokenClaims}) on the payload
 * exactly as it was signed. SmallRye JWT itself fails with a ClassCastException (a 500) on a
 * {@code groups} object or number while copying the claims; here any failure on a correctly signed
 * token is a {@link ParseException}, which Quarkus turns into a 401 like every invalid token.
 * <p>
 * A token that passed is kept ({@link VerifiedTokens}: by its exact text, until its {@code exp} and at
 * most {@code duban.jwt.verified-tokens.ttl}, 60 s by default; at most
 * {@code duban.jwt.verified-tokens.max-size} tokens, 4,096 by default, 0 = off), so a client sending the
 * same token again is not RSA-verified on every request.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class StrictJwtCallerPrincipalFactory extends DefaultJWTCallerPrincipalFactory {

    private volatile VerifiedTokens verified;

    public StrictJwtCallerPrincipalFactory() {
    }

    /** With the cache of verified tokens given (plain tests). */
    StrictJwtCallerPrincipalFactory(VerifiedTokens verified) {
        this.verified = verified;
    }

    @PostConstruct
    void configure() {
        if (verified == null) {
            var config = ConfigProvider.getConfig();
            verified = new VerifiedTokens(
                    config.getOptionalValue("duban.jwt.verified-tokens.max-size", Integer.class)
                            .orElse(VerifiedTokens.DEFAULT_MAX_SIZE),
                    config.getOptionalValue("duban.jwt.verified-tokens.ttl", Duration.class)
                            .orElse(VerifiedTokens.DEFAULT_TTL),
                    VerifiedTokens.DEFAULT_MAX_TOKEN_CHARS);
        }
    }

    /**
     * A token verified within the last minute (and not expired) is not verified again: see
     * {@link VerifiedTokens} for what a cached verification may and may not serve.
     */
    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        VerifiedTokens v = verified;
        return v == null ? verify(token, authContextInfo) : v.principal(token, authContextInfo, this::verify);
    }

    /** The whole verification: SmallRye JWT's, then Duban's claim rules. */
    JWTCallerPrincipal verify(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        TokenClaims.Invalid broken = null;
        try {
            TokenClaims.check(signedClaims(token).getClaimsMap());
        } catch (TokenClaims.Invalid e) {
            broken = e;
        } catch (ParseException notAJws) {
            // not a compact JWS: refused in any case, but SmallRye JWT says why (e.g. "not a JWT")
            broken = new TokenClaims.Invalid("the token is not a signed JWT");
        }
        JWTCallerPrincipal principal;
        try {
            // first what SmallRye JWT verifies, so an expired or forged token is reported as such
            principal = super.parse(token, authContextInfo);
        } catch (RuntimeException e) {
            // SmallRye JWT failing on a claim of an unexpected type (e.g. groups: 7): a bad token, not a 500
            if (broken == null) {
                throw new ParseException("The token's claims are not accepted", e);
            }
            principal = null;
        }
        if (broken != null) {
            throw new ParseException("The token's claims are not accepted: " + broken.getMessage());
        }
        return principal;
    }

    /** The payload of a compact JWS as it was signed (its signature is verified by SmallRye JWT). */
    static JwtClaims signedClaims(String token) throws ParseException {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new ParseException("The token is not a signed JWT");
        }
        try {
            return JwtClaims.parse(new String(Base64Url.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (InvalidJwtException | RuntimeException e) {
            throw new ParseException("The token's payload is not a JSON object");
        }
    }
}
