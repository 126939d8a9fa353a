package org.duban.notification.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is
 * {@code whsec_<base64 key>}; the signature of a message is
 * {@code v1,<base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}"))>}; the
 * {@code webhook-signature} header holds one or more of them separated by spaces (several while a
 * secret is being rotated). Pure: no clock, no I/O (the caller passes "now").
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new secret: 24 random bytes, {@code whsec_}-prefixed base64. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * One HMAC-SHA256 per thread, keyed again for each signature: {@code Mac.getInstance} (a provider lookup) per
     * signature was part of a webhook call's own cost (issue 16, hwh2); keying it is cheap, and keyed with the
     * secrets of this call only, a rotated secret signs the very next call.
     */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** {@code v1,<base64 signature>} of one message with one secret. */
    public static String sign(String secret, String msgId, long timestampSeconds, String body) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // init resets the Mac; the signed content is "{id}.{timestamp}.{body}", fed in parts (no joined copy)
        mac.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        byte[] sig = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(sig);
    }

    /** The {@code webhook-signature} header value: one signature per secret, space-separated. */
    public static String header(List<String> secrets, String msgId, long timestampSeconds, String body) {
        List<String> parts = new ArrayList<>();
        for (String s : secrets) {
            parts.add(sign(s, msgId, timestampSeconds, body));
        }
        return String.join(" ", parts);
    }

    /**
     * What a receiver does: true if the timestamp is within {@code toleranceSeconds} of now and one
     * of the header's {@code v1} signatures matches the secret (compared in constant time).
     */
    public static boolean verify(String secret, String msgId, String timestampHeader, String body,
                                 String signatureHeader, long nowSeconds, long toleranceSeconds) {
        if (msgId == null || timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > toleranceSeconds) {
            return false;
        }
        byte[] expected = sign(secret, msgId, ts, body).substring(3).getBytes(StandardCharsets.US_ASCII);
        for (String part : signatureHeader.trim().split(" +")) {
            int comma = part.indexOf(',');
            if (comma > 0 && part.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, part.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] key(String secret) {
        String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(b64);
    }
}
