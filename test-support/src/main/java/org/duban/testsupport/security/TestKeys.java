package org.duban.testsupport.security;

import org.duban.infra.security.DubanKeys;
import org.duban.infra.security.DubanTokens;
import org.duban.infra.security.WebhookSecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The test JVM's keys, one set per JVM in a temp directory found again through a system
 * property, so every class loader (Quarkus loads tests in its own) sees the same keys:
 * <ul>
 * <li>{@code current} — signs the tokens of {@link #token};</li>
 * <li>{@code next} — also in the services' key set, as during a rotation ({@link #tokenSignedByNextKey});</li>
 * <li>{@code foreign} — in no key set: its tokens must be refused.</li>
 * </ul>
 */
public final class TestKeys {

    static final String DIR_PROPERTY = "duban.test.jwt.dir";

    private TestKeys() {
    }

    private static synchronized Path dir() {
        String dir = System.getProperty(DIR_PROPERTY);
        try {
            if (dir == null) {
                Path d = Files.createTempDirectory("duban-test-keys-");
                d.toFile().deleteOnExit();
                dir = d.toString();
                System.setProperty(DIR_PROPERTY, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(dir);
    }

    public static DubanKeys get() {
        return DubanKeys.ensure(dir().resolve("current"));
    }

    public static DubanKeys next() {
        return DubanKeys.ensure(dir().resolve("next"));
    }

    public static DubanKeys foreign() {
        return DubanKeys.ensure(dir().resolve("foreign"));
    }

    /** The key set the services under test verify with: the current and the next key. */
    public static String jwks() {
        return DubanKeys.jwks(List.of(get(), next()));
    }

    /**
     * The services' verification settings for tests. The key set is given inline: in test mode
     * Quarkus puts an in-memory key of its own into {@code mp.jwt.verify.publickey} when no key
     * was configured at build time, and that one would win over a location.
     */
    public static Map<String, String> config() {
        return Map.of("mp.jwt.verify.publickey", jwks(), "mp.jwt.verify.issuer", DubanTokens.ISSUER);
    }

    /** The key a notification-service started as a process encrypts webhook secrets with (one per test JVM). */
    public static String webhookSecretKey() {
        return WebhookSecretKey.ensure(dir());
    }

    /** The same settings for a service started as a process: the key set as a file. */
    public static Path jwksFile() {
        Path f = dir().resolve("jwks.json");
        try {
            if (!Files.exists(f)) {
                Files.writeString(f, jwks(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** A key as it signs: read and its key id computed once per JVM (tests mint thousands of tokens). */
    private record Signer(java.security.PrivateKey key, String keyId) {
    }

    private static final java.util.Map<java.nio.file.Path, Signer> SIGNERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String mint(DubanKeys keys, String issuer, String role, List<String> unitCodes, Instant expiresAt) {
        Signer s = SIGNERS.computeIfAbsent(keys.privateKey(), p -> new Signer(keys.loadPrivateKey(), keys.keyId()));
        return DubanTokens.mint(s.key(), s.keyId(), issuer, DubanTokens.defaultSubject(role, unitCodes), role, unitCodes,
                expiresAt);
    }

    /** A valid token for a role, for one hour. */
    public static String token(String role, String... unitCodes) {
        return mint(get(), DubanTokens.ISSUER, role, List.of(unitCodes), Instant.now().plus(Duration.ofHours(1)));
    }

    /** A valid token signed by the second key of the set (rotation). */
    public static String tokenSignedByNextKey(String role, String... unitCodes) {
        return mint(next(), DubanTokens.ISSUER, role, List.of(unitCodes), Instant.now().plus(Duration.ofHours(1)));
    }

    /** Signed by a key the services do not know. */
    public static String tokenSignedByForeignKey(String role, String... unitCodes) {
        return mint(foreign(), DubanTokens.ISSUER, role, List.of(unitCodes), Instant.now().plus(Duration.ofHours(1)));
    }

    /** Expired an hour ago (well beyond the verifier's clock-skew allowance). */
    public static String expiredToken(String role, String... unitCodes) {
        return mint(get(), DubanTokens.ISSUER, role, List.of(unitCodes), Instant.now().minus(Duration.ofHours(1)));
    }

    /** Correctly signed, but by another issuer. */
    public static String wrongIssuerToken(String role, String... unitCodes) {
        return mint(get(), "https://oa.example.invalid", role, List.of(unitCodes), Instant.now().plus(Duration.ofHours(1)));
    }

    /**
     * A token whose payload is exactly {@code claimsJson}, correctly signed by {@code keys}: nothing
     * is added (no {@code iat}, {@code exp} or {@code jti} unless written), so tests can send claims
     * of any type or combination.
     */
    public static String signed(DubanKeys keys, String claimsJson) {
        Signer s = SIGNERS.computeIfAbsent(keys.privateKey(), p -> new Signer(keys.loadPrivateKey(), keys.keyId()));
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setKey(s.key());
        jws.setKeyIdHeaderValue(s.keyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #signed(DubanKeys, String)} with the current key of the services' key set. */
    public static String signed(String claimsJson) {
        return signed(get(), claimsJson);
    }

    /**
     * A valid token whose payload was edited after signing (the role raised to supervisor): the
     * signature no longer matches.
     */
    public static String tamperedToken(String role, String... unitCodes) {
        String[] parts = token(role, unitCodes).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + role + "\"", "\"supervisor\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
