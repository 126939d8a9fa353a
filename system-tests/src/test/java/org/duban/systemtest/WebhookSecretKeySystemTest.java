package org.duban.systemtest;

import org.duban.infra.Ports;
import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * notification-service stores webhook secrets encrypted: started with a JWT key but without
 * DUBAN_WEBHOOKS_SECRET_KEY it exits, and its log names the missing setting.
 */
class WebhookSecretKeySystemTest {

    final Suite suite = Suite.get();

    @Test
    void notificationServiceStartedWithoutAWebhookSecretKeyExitsAndItsLogNamesIt() throws Exception {
        assertNull(System.getenv("DUBAN_WEBHOOKS_SECRET_KEY"), "the test JVM must not hand a key down to the process");
        Map<String, String> env = new HashMap<>();
        env.put("DUBAN_DB_URL", suite.infra.dbServerUrl());
        env.put("DUBAN_DB_USER", suite.infra.dbUser());
        env.put("DUBAN_DB_PASSWORD", suite.infra.dbPassword());
        // a broker nobody listens on: this process must not join the running service's consumer groups
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + Ports.free());
        env.put("QUARKUS_MAILER_MOCK", "true");
        env.put("DUBAN_JWT_PUBLIC_KEY", TestKeys.jwksFile().toString());
        Path log = suite.logs.resolve("notification-service-without-webhook-key.log");
        Files.deleteIfExists(log);
        ServiceProcess p = ServiceProcess.start(suite.root, Service.NOTIFICATION, Ports.free(), env, log);
        try {
            OptionalInt exit = p.awaitExit(Duration.ofSeconds(90));
            assertTrue(exit.isPresent(), "notification-service is still running without a webhook key; see " + log);
            assertNotEquals(0, exit.getAsInt());
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(text.contains("No key to encrypt webhook secrets with") && text.contains("DUBAN_WEBHOOKS_SECRET_KEY"),
                    "the log should name the missing key: " + log);
        } finally {
            p.kill();
        }
    }
}
