package org.duban.notification.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stored answer of POST /webhooks holds the endpoint's secret: it is replayed to the OA system
 * only while its token still holds the unit it was created for. The same subject whose units
 * changed sends a new request, checked against its current units.
 */
@QuarkusTest
class ReplayAuthorityTest {

    @Test
    void anIntegrationThatLostTheUnitGetsA403NotTheStoredSecret() {
        String sfj = TaskEvents.newUnit();
        String czj = TaskEvents.newUnit();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/replay", "unitCode", sfj);
        // the same subject (integration:oa) in both tokens
        Response first = given().auth().oauth2(TestKeys.token("integration", sfj)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
        first.then().statusCode(201);
        String secret = first.path("secret");

        given().auth().oauth2(TestKeys.token("integration", czj)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(403)
                .header("Idempotent-Replayed", (String) null)
                .body("type", equalTo("urn:duban:problem:forbidden"))
                .body(not(containsString(secret)));
    }

    @Inject
    EntityManager em;

    @Test
    void theStoredAnswerWithTheSecretIsEncryptedAtRestAndReplayedInTheClear() {
        String sfj = TaskEvents.newUnit();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/sealed", "unitCode", sfj);
        Response first = given().auth().oauth2(TestKeys.token("integration", sfj)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
        first.then().statusCode(201);
        String secret = first.path("secret");

        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT body FROM idempotency_key WHERE idem_key = ?1").setParameter(1, key).getSingleResult());
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(secret), "the secret is not stored in plain text");
        assertFalse(stored.contains("sealed"), "nothing of the answer is readable");

        given().auth().oauth2(TestKeys.token("integration", sfj)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("secret", equalTo(secret)).body("id", equalTo(first.path("id")));
    }
}
