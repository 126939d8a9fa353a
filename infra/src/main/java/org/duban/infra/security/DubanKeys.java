package org.duban.infra.security;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

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
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * An RSA key pair that signs Duban's bearer JWTs outside production: generated once into a
 * directory ({@code .duban/keys/} for the local run, a temp dir for tests) and never committed.
 * <ul>
 * <li>{@code private-key.pem} (PKCS#8) mints tokens; its key id ({@code kid}) is the RFC 7638
 * thumbprint of the public key;</li>
 * <li>{@code public-key.pem} (X.509) is the public key alone;</li>
 * <li>{@code jwks.json} is the key set the services verify with
 * ({@code mp.jwt.verify.publickey.location}); rotating means adding the next key to this set,
 * signing with it, and removing the old key once the last token it signed has expired.</li>
 * </ul>
 */
public record DubanKeys(Path publicKey, Path privateKey) {

    public static final String PUBLIC_FILE = "public-key.pem";
    public static final String PRIVATE_FILE = "private-key.pem";
    public static final String JWKS_FILE = "jwks.json";

    /** The pair in {@code dir}, generated first if it is not there; {@code jwks.json} written if missing. */
    public static DubanKeys ensure(Path dir) {
        Path pub = dir.resolve(PUBLIC_FILE);
        Path priv = dir.resolve(PRIVATE_FILE);
        try {
            if (!Files.exists(pub) || !Files.exists(priv)) {
                Files.createDirectories(dir);
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                writeFile(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
                writeFile(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
                Files.deleteIfExists(dir.resolve(JWKS_FILE));
            }
            DubanKeys keys = new DubanKeys(pub, priv);
            if (!Files.exists(keys.jwks())) {
                writeFile(keys.jwks(), jwks(List.of(keys)), false);
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** The key set file next to the pair. */
    public Path jwks() {
        return publicKey.resolveSibling(JWKS_FILE);
    }

    /** The private key, to mint tokens with. */
    public PrivateKey loadPrivateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privateKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the private key " + privateKey, e);
        }
    }

    public RSAPublicKey loadPublicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the public key " + publicKey, e);
        }
    }

    /** The key id tokens carry in their header: the public key's RFC 7638 SHA-256 thumbprint. */
    public String keyId() {
        return new RsaJsonWebKey(loadPublicKey()).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    /** A JSON Web Key Set of the public keys of {@code pairs}, each with its key id. */
    public static String jwks(List<DubanKeys> pairs) {
        JsonWebKeySet set = new JsonWebKeySet();
        for (DubanKeys k : pairs) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(k.loadPublicKey());
            jwk.setKeyId(k.keyId());
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            set.addJsonWebKey(jwk);
        }
        return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static byte[] der(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writeFile(Path file, String text, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            // the private key for its owner only; public keys for anyone (temp files start as rw-------)
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
