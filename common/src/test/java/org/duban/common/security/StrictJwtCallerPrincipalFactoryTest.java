package org.duban.common.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The real verification (SmallRye JWT with RS256 keys, then the claim rules) behind the cache of verified
 * tokens: what was accepted is served again, and nothing the verification refuses gets past the cache.
 */
class StrictJwtCallerPrincipalFactoryTest {

    private static RsaJsonWebKey current;
    private static RsaJsonWebKey next;
    private static RsaJsonWebKey foreign;
    private static JWTAuthContextInfo settings;

    @BeforeAll
    static void keys() throws JoseException {
        current = key("current");
        next = key("next");
        foreign = key("current"); // the same key id as the real one, another key
        settings = new JWTAuthContextInfo(new JsonWebKeySet(current, next).toJson(), "duban");
        settings.setPublicKeyContent(new JsonWebKeySet(current, next).toJson());
    }

    private static RsaJsonWebKey key(String kid) throws JoseException {
        RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
        k.setKeyId(kid);
        k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return k;
    }

    private static String sign(RsaJsonWebKey key, String claims) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String viewer(RsaJsonWebKey key, Instant exp) throws JoseException {
        long iat = Instant.now().minusSeconds(5).getEpochSecond();
        return sign(key, """
                {"iss":"duban","sub":"viewer:oa","groups":["viewer"],"iat":%d,"exp":%d}""".formatted(iat, exp.getEpochSecond()));
    }

    private static StrictJwtCallerPrincipalFactory factory() {
        return new StrictJwtCallerPrincipalFactory(new VerifiedTokens(16, Duration.ofSeconds(60), 4096));
    }

    @Test
    void aValidTokenIsVerifiedOnceAndServedAgain() throws Exception {
        var factory = factory();
        String token = viewer(current, Instant.now().plus(Duration.ofHours(1)));
        JWTCallerPrincipal first = factory.parse(token, settings);
        assertEquals("viewer:oa", first.getName());
        assertEquals(java.util.Set.of("viewer"), first.getGroups());
        assertSame(first, factory.parse(token, settings));
    }

    @Test
    void tamperedAndDifferentlySignedTokensAreRefusedWhileTheOriginalIsKept() throws Exception {
        var factory = factory();
        String token = viewer(current, Instant.now().plus(Duration.ofHours(1)));
        factory.parse(token, settings);

        String[] parts = token.split("\\.");
        String raised = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"viewer\"]", "\"supervisor\"]");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raised.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(ParseException.class, () -> factory.parse(tampered, settings));

        // the same header (key id "current") and payload, signed by a key outside the set
        String foreignSigned = sign(foreign, new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThrows(ParseException.class, () -> factory.parse(foreignSigned, settings));
        // the kept one is still served
        factory.parse(token, settings);
    }

    @Test
    void aTokenOfTheSecondKeyOfTheSetIsAcceptedAndKept() throws Exception {
        var factory = factory();
        String token = viewer(next, Instant.now().plus(Duration.ofHours(1)));
        assertSame(factory.parse(token, settings), factory.parse(token, settings));
    }

    @Test
    void expiredTokensAndBrokenClaimsAreRefusedEveryTime() throws Exception {
        var verified = new VerifiedTokens(16, Duration.ofSeconds(60), 4096);
        var factory = new StrictJwtCallerPrincipalFactory(verified);
        String expired = viewer(current, Instant.now().minus(Duration.ofHours(1)));
        String noGroups = sign(current, """
                {"iss":"duban","sub":"viewer:oa","iat":%d,"exp":%d}""".formatted(
                Instant.now().getEpochSecond(), Instant.now().plusSeconds(3600).getEpochSecond()));
        for (int i = 0; i < 2; i++) {
            assertThrows(ParseException.class, () -> factory.parse(expired, settings));
            assertThrows(ParseException.class, () -> factory.parse(noGroups, settings));
        }
        assertEquals(0, verified.size());
    }

    @Test
    void aKeptTokenPastItsExpIsVerifiedAfreshNotServed() throws Exception {
        // exp within a few seconds: kept until then, never beyond (the clock here is the real one:
        // a token accepted now stays acceptable for SmallRye JWT within its 60 s skew, so a fresh
        // verification shows as a new principal, not as a refusal)
        var factory = factory();
        String token = viewer(current, Instant.now().minusSeconds(1));
        JWTCallerPrincipal first = factory.parse(token, settings); // within the clock-skew allowance
        assertNotSame(first, factory.parse(token, settings));
    }
}
