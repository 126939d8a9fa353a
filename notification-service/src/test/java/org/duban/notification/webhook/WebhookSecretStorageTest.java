package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook signing secrets are stored encrypted (AES-256-GCM, duban.webhooks.secret-key): the raw
 * columns hold neither the secret nor its key, and messages still verify with the secret the
 * caller was shown — before and after a rotation.
 */
@QuarkusTest
class WebhookSecretStorageTest {

    @Inject
    DataSource dataSource;

    @Inject
    WebhookSecrets secrets;

    private String[] rawSecrets(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select secret, previous_secret from webhook_endpoint where id = ?")) {
            st.setObject(1, UUID.fromString(id));
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static void assertHidden(String raw, String secret) {
        assertFalse(raw.contains(secret), "the secret is stored as it is");
        assertFalse(raw.contains(secret.substring(WebhookSignature.PREFIX.length())), "the secret's key is stored as it is");
        assertTrue(raw.startsWith("v1:"), "a versioned ciphertext: " + raw);
    }

    @Test
    void theStoredSecretsAreCiphertextAndMessagesStillVerify() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            var created = given().contentType(ContentType.JSON).body(Map.of("url", r.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract();
            String id = created.path("endpoint.id");
            String secret = created.path("secret");
            assertHidden(rawSecrets(id)[0], secret);

            r.verifyWith(secret);
            TaskEvents.assign(UUID.randomUUID(), unit, "密钥加密存储");
            await().atMost(Duration.ofSeconds(30)).until(() -> r.received().size() == 1);
            assertTrue(r.received().get(0).verified(), "signed with the secret shown at registration");

            String rotated = given().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200)
                    .extract().path("secret");
            String[] raw = rawSecrets(id);
            assertHidden(raw[0], rotated);
            assertHidden(raw[1], secret);
            // a fresh nonce per value: the same secret never looks the same twice
            assertFalse(raw[0].equals(raw[1]));

            r.verifyWith(secret, rotated);
            TaskEvents.assign(UUID.randomUUID(), unit, "轮换后");
            await().atMost(Duration.ofSeconds(30)).until(() -> r.received().size() == 2);
            assertTrue(r.received().get(1).verified(), "signed with the old and the new secret");
            assertEquals(2, r.received().get(1).signature().split(" ").length);
        }
    }

    /**
     * A row written before encryption (plain secret) is still used as it is, and the re-encryption
     * the service runs at start ({@link WebhookSecrets#reencrypt}, called here directly) turns it
     * into ciphertext without changing the secret or the endpoint's version.
     */
    @Test
    void aPlainSecretFromBeforeEncryptionKeepsWorkingAndIsEncryptedAtStart() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            String legacy = WebhookSignature.newSecret();
            UUID id = UUID.randomUUID();
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                    insert into webhook_endpoint (id, unit_code, url, description, event_types, secret, enabled, created_at, version)
                    values (?, ?, ?, '旧版OA', '[]'::jsonb, ?, true, now(), 0)""")) {
                st.setObject(1, id);
                st.setString(2, unit);
                st.setString(3, r.url());
                st.setString(4, legacy);
                st.executeUpdate();
            }
            r.verifyWith(legacy);
            TaskEvents.assign(UUID.randomUUID(), unit, "旧密钥仍可用");
            await().atMost(Duration.ofSeconds(30)).until(() -> r.received().size() == 1);
            assertTrue(r.received().get(0).verified(), "a legacy plain secret signs as before");

            assertTrue(secrets.reencrypt() >= 1);
            assertHidden(rawSecrets(id.toString())[0], legacy);
            assertEquals(0, secrets.reencrypt(), "nothing left to re-encrypt");
            given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).header("ETag", "\"0\"");

            TaskEvents.assign(UUID.randomUUID(), unit, "加密后");
            await().atMost(Duration.ofSeconds(30)).until(() -> r.received().size() == 2);
            assertTrue(r.received().get(1).verified(), "the same secret after encryption");
        }
    }
}
