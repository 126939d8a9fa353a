package org.duban.notification.webhook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the Standard Webhooks specification's reference example. */
class WebhookSignatureTest {

    // the example of the Standard Webhooks reference libraries
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330L;
    static final String BODY = "{\"test\": 2432232314}";
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsLikeTheReferenceImplementation() {
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, ID, TS, BODY));
    }

    @Test
    void aReceiverVerifiesTheSignatureWithinTheTolerance() {
        assertTrue(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, EXPECTED, TS + 10, 300));
    }

    @Test
    void aChangedBodyIdOrTimestampOrAnOldMessageFails() {
        assertFalse(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY + " ", EXPECTED, TS, 300));
        assertFalse(WebhookSignature.verify(SECRET, ID + "x", Long.toString(TS), BODY, EXPECTED, TS, 300));
        assertFalse(WebhookSignature.verify(SECRET, ID, Long.toString(TS + 1), BODY, EXPECTED, TS, 300));
        assertFalse(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, EXPECTED, TS + 301, 300));
        assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), ID, Long.toString(TS), BODY, EXPECTED, TS, 300));
    }

    @Test
    void duringARotationBothSecretsVerify() {
        String fresh = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(fresh, SECRET), ID, TS, BODY);
        assertEquals(2, header.split(" ").length);
        assertTrue(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, header, TS, 300));
        assertTrue(WebhookSignature.verify(fresh, ID, Long.toString(TS), BODY, header, TS, 300));
    }

    @Test
    void aRotatedSecretSignsTheNextMessageOnTheSameThread() throws Exception {
        // the thread's Mac is reused: each signature must be made with the secret it is given, not the last one
        String rotated = WebhookSignature.newSecret();
        String before = WebhookSignature.sign(SECRET, ID, TS, BODY);
        String after = WebhookSignature.sign(rotated, ID, TS, BODY);
        assertEquals(EXPECTED, before);
        assertFalse(WebhookSignature.verify(SECRET, ID, Long.toString(TS), BODY, after, TS, 300));
        assertTrue(WebhookSignature.verify(rotated, ID, Long.toString(TS), BODY, after, TS, 300));
        assertEquals(after, reference(rotated, ID, TS, BODY));
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, ID, TS, BODY));
    }

    @Test
    void signaturesMadeOnManyThreadsAtOnceAreEachTheirSecretsOwn() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String secret = WebhookSignature.newSecret();
                String body = "{\"n\": " + i + "}";
                checks.add(pool.submit(() -> WebhookSignature.sign(secret, ID, TS, body).equals(reference(secret, ID, TS, body))));
            }
            for (java.util.concurrent.Future<Boolean> c : checks) {
                assertTrue(c.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The signature as the specification defines it, with a Mac of its own. */
    private static String reference(String secret, String id, long ts, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1," + java.util.Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + ts + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void newSecretsHaveThePrefixAnd24RandomBytes() {
        String s = WebhookSignature.newSecret();
        assertTrue(s.startsWith("whsec_"));
        assertEquals(24, java.util.Base64.getDecoder().decode(s.substring(6)).length);
    }
}
