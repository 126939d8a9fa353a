package org.duban.infra.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The test JVM's key pair: one per JVM in a temp directory, found again through a system
 * property, so every class loader (Quarkus loads tests in its own) sees the same pair.
 */
public final class TestKeys {

    static final String DIR_PROPERTY = "duban.test.jwt.dir";

    private TestKeys() {
    }

    public static synchronized DubanKeys get() {
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
        return DubanKeys.ensure(Path.of(dir));
    }

    /**
     * The services' verification settings for tests. The key is given inline: in test mode
     * Quarkus puts an in-memory key of its own into {@code mp.jwt.verify.publickey} when no key
     * was configured at build time, and that one would win over a location.
     */
    public static Map<String, String> config() {
        try {
            return Map.of("mp.jwt.verify.publickey", Files.readString(get().publicKey()),
                    "mp.jwt.verify.issuer", DubanTokens.ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid token for a role, for one hour. */
    public static String token(String role, String... unitCodes) {
        return DubanTokens.mint(get().loadPrivateKey(), role, List.of(unitCodes), Duration.ofHours(1));
    }
}
