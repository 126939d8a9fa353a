package org.duban.infra.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key notification-service encrypts webhook signing secrets with outside production
 * ({@code DUBAN_WEBHOOKS_SECRET_KEY}: base64 of 32 random bytes), generated once into a directory
 * beside the JWT keys ({@code .duban/keys/webhook-secret.key} for the local run, the test JVM's key
 * directory for system tests) and never committed. Losing it makes the stored secrets unreadable:
 * the endpoints then need new secrets.
 */
public final class WebhookSecretKey {

    public static final String FILE = "webhook-secret.key";
    public static final String ENV = "DUBAN_WEBHOOKS_SECRET_KEY";

    private WebhookSecretKey() {
    }

    /** The key in {@code dir}, generated first if it is not there. */
    public static synchronized String ensure(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = Files.createTempFile(dir, FILE, ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on file systems without POSIX permissions
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return ensure(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
