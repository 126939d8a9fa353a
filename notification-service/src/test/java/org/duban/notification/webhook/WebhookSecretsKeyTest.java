package org.duban.notification.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No key, no start: what the start check ({@link WebhookSecrets#onStart}, after the JWT key check)
 * throws, which stops Quarkus — the message names the setting and never a key.
 */
class WebhookSecretsKeyTest {

    private static WebhookSecrets with(Optional<String> key, List<String> previous) {
        WebhookSecrets s = new WebhookSecrets();
        s.config = new WebhookConfig() {
            public Optional<List<String>> allowedTargets() {
                return Optional.empty();
            }

            public int maxEndpointsPerUnit() {
                return 5;
            }

            public int maxResponseBytes() {
                return 65536;
            }

            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            public Duration rotationOverlap() {
                return Duration.ofHours(24);
            }

            public Optional<String> secretKey() {
                return key;
            }

            public Optional<List<String>> previousSecretKeys() {
                return Optional.of(previous);
            }
        };
        return s;
    }

    @Test
    void withoutAKeyTheCipherIsRefusedNamingTheSetting() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(" "))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> with(none, List.of()).cipher());
            assertTrue(e.getMessage().startsWith("No key to encrypt webhook secrets with: set DUBAN_WEBHOOKS_SECRET_KEY"),
                    e.getMessage());
        }
    }

    @Test
    void aWrongKeyIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with(Optional.of("c2hvcnQ="), List.of()).cipher());
        assertTrue(e.getMessage().contains("duban.webhooks.secret-key") && !e.getMessage().contains("c2hvcnQ="));
    }

    @Test
    void withAKeyTheCipherWorks() {
        SecretCipher c = with(Optional.of(SecretCipher.newKey()), List.of()).cipher();
        assertEquals("whsec_x", c.decrypt(c.encrypt("whsec_x")));
    }
}
