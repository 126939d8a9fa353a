package org.duban.task.task;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The Idempotency-Key's answer commits with the task: when the request dies after the commit (here
 * in a response filter, {@link CrashAfterCommitFilter}), a retry with the key replays the first
 * answer, even after the in-flight timeout, instead of creating the task a second time.
 */
@QuarkusTest
class IdempotencyCrashWindowTest {

    @Inject
    EntityManager em;

    @Test
    void aRetryAfterACrashBetweenTheCommitAndTheResponseReplaysInsteadOfCreatingTwice() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String unit = "jtj-" + suffix;
        RegistryUnits.seed(unit, "珠海市交通运输局" + suffix);
        String title = "公开交通运输领域重点信息" + suffix;
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"" + title + "\",\"deadline\":\"" + LocalDate.now().plusMonths(2)
                + "\",\"unitCodes\":[\"" + unit + "\"]}";

        int crashed = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header(CrashAfterCommitFilter.HEADER, "1").body(body)
                .post("/api/v1/tasks").then().extract().statusCode();
        assertNotEquals(201, crashed, "the client never got its 201");
        assertEquals(1, tasksTitled(title), "the task was committed");

        // the in-flight timeout (2 min) has passed: a key still in flight would now be taken over
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE idempotency_key SET created_at = now() - interval '1 hour' WHERE idem_key = ?1")
                .setParameter(1, key).executeUpdate());

        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/tasks").then().statusCode(201).header("Idempotent-Replayed", "true")
                .extract().path("id");
        assertEquals(1, tasksTitled(title), "the retry created nothing");
        assertEquals(id, QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT CAST(id AS text) FROM task WHERE title = ?1").setParameter(1, title).getSingleResult()));
    }

    private long tasksTitled(String title) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM task WHERE title = ?1").setParameter(1, title).getSingleResult()).longValue());
    }
}
