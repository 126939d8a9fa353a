package org.duban.notification.webhook;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encrypts webhook signing secrets at rest: AES-256-GCM with a fresh 12-byte nonce per value,
 * stored as {@code v1:<base64(nonce | ciphertext+tag)>}. A value without the {@code v1:} prefix is
 * a secret stored before encryption (legacy) and is read as it is. Earlier keys are kept for
 * reading only, so the key can be rotated: rows are re-encrypted with the current key at start
 * ({@link WebhookSecrets}). Pure: no configuration, no I/O.
 */
public final class SecretCipher {

    public static final String V1 = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous = new ArrayList<>();

    /**
     * @param base64Key      base64 of 32 bytes
     * @param previousKeys   earlier keys (base64 of 32 bytes each), read only
     * @throws IllegalArgumentException naming which setting is wrong, never the key itself
     */
    public SecretCipher(String base64Key, List<String> previousKeys) {
        this.key = aesKey(base64Key, "duban.webhooks.secret-key");
        for (String p : previousKeys) {
            if (!p.isBlank()) {
                previous.add(aesKey(p.trim(), "duban.webhooks.previous-secret-keys"));
            }
        }
    }

    /** A new random key, base64 (what {@code duban.webhooks.secret-key} takes). */
    public static String newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return V1 + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    /** The secret; a legacy (unencrypted) value as it is. */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(V1)) {
            return stored;
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(V1.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a stored webhook secret is not valid base64");
        }
        String plain = open(key, all);
        for (int i = 0; plain == null && i < previous.size(); i++) {
            plain = open(previous.get(i), all);
        }
        if (plain == null) {
            throw new IllegalStateException("a stored webhook secret cannot be decrypted with duban.webhooks.secret-key "
                    + "or duban.webhooks.previous-secret-keys");
        }
        return plain;
    }

    /** Whether a stored value is encrypted with the current key (else it is legacy or under an earlier key). */
    public boolean isCurrent(String stored) {
        if (stored == null) {
            return true;
        }
        if (!stored.startsWith(V1)) {
            return false;
        }
        try {
            return open(key, Base64.getDecoder().decode(stored.substring(V1.length()))) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String open(SecretKeySpec k, byte[] all) {
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException wrongKey) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a webhook secret", e);
        }
    }

    private static SecretKeySpec aesKey(String base64, String setting) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64");
        }
        if (k.length != 32) {
            throw new IllegalArgumentException(setting + " must be base64 of 32 bytes (AES-256), not " + k.length);
        }
        return new SecretKeySpec(k, "AES");
    }
}
