package org.duban.notification.webhook;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCipherTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void aSecretIsStoredAsVersionedCiphertextWithAFreshNonceAndReadBack() {
        SecretCipher c = new SecretCipher(SecretCipher.newKey(), List.of());
        String a = c.encrypt(SECRET);
        String b = c.encrypt(SECRET);
        assertTrue(a.startsWith("v1:"), a);
        assertFalse(a.contains(SECRET) || a.contains(SECRET.substring(6)));
        assertNotEquals(a, b, "a fresh nonce per value");
        // nonce (12) + ciphertext (as long as the secret) + tag (16)
        assertEquals(12 + SECRET.length() + 16, Base64.getDecoder().decode(a.substring(3)).length);
        assertEquals(SECRET, c.decrypt(a));
        assertEquals(SECRET, c.decrypt(b));
        assertTrue(c.isCurrent(a));
    }

    @Test
    void aLegacyPlainSecretIsReadAsItIsAndIsNotCurrent() {
        SecretCipher c = new SecretCipher(SecretCipher.newKey(), List.of());
        assertEquals(SECRET, c.decrypt(SECRET));
        assertFalse(c.isCurrent(SECRET));
        assertTrue(c.isCurrent(null));
    }

    @Test
    void afterAKeyRotationOldValuesAreStillReadAndKnownToNeedReEncryption() {
        String oldKey = SecretCipher.newKey();
        String stored = new SecretCipher(oldKey, List.of()).encrypt(SECRET);
        SecretCipher rotated = new SecretCipher(SecretCipher.newKey(), List.of(oldKey));
        assertEquals(SECRET, rotated.decrypt(stored));
        assertFalse(rotated.isCurrent(stored));
        assertTrue(rotated.isCurrent(rotated.encrypt(SECRET)));
        // without the old key the value cannot be read: an error, never a wrong secret
        assertThrows(IllegalStateException.class, () -> new SecretCipher(SecretCipher.newKey(), List.of()).decrypt(stored));
    }

    @Test
    void aTamperedValueIsRefused() {
        SecretCipher c = new SecretCipher(SecretCipher.newKey(), List.of());
        byte[] raw = Base64.getDecoder().decode(c.encrypt(SECRET).substring(3));
        raw[20] ^= 1;
        assertThrows(IllegalStateException.class, () -> c.decrypt("v1:" + Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16]), List.of()));
        assertTrue(e.getMessage().contains("duban.webhooks.secret-key") && e.getMessage().contains("32 bytes"));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("not base64!", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(SecretCipher.newKey(), List.of("short")));
    }
}
