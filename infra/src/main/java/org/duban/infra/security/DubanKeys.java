package org.duban.infra.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs Duban's bearer JWTs outside production: generated once into a
 * directory ({@code .duban/keys/} for the local run, a temp dir for tests) and never committed.
 * {@code public-key.pem} (X.509) is what the services verify with
 * ({@code mp.jwt.verify.publickey.location}); {@code private-key.pem} (PKCS#8) mints tokens.
 */
public record DubanKeys(Path publicKey, Path privateKey) {

    public static final String PUBLIC_FILE = "public-key.pem";
    public static final String PRIVATE_FILE = "private-key.pem";

    /** The pair in {@code dir}, generated first if it is not there. */
    public static DubanKeys ensure(Path dir) {
        Path pub = dir.resolve(PUBLIC_FILE);
        Path priv = dir.resolve(PRIVATE_FILE);
        try {
            if (!Files.exists(pub) || !Files.exists(priv)) {
                Files.createDirectories(dir);
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                writePem(priv, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
                writePem(pub, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
        return new DubanKeys(pub, priv);
    }

    /** The private key, to mint tokens with. */
    public PrivateKey loadPrivateKey() {
        try {
            String pem = Files.readString(privateKey, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the private key " + privateKey, e);
        }
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            // the private key for its owner only; the public key for anyone (temp files start as rw-------)
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
