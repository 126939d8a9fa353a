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

/** A repeated POST /tasks with the same Idempotency-Key creates one task and emits its events once. */
@QuarkusTest
class TaskIdempotencyTest {

    @Inject
    EntityManager em;

    @Test
    void aRetriedCreateMakesOneTaskAndOneTaskAssignedEvent() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String unit = "sfj-" + suffix;
        RegistryUnits.seed(unit, "珠海市司法局" + suffix);
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"编制政务公开年度报告" + suffix + "\",\"deadline\":\"" + LocalDate.now().plusMonths(2)
                + "\",\"unitCodes\":[\"" + unit + "\"]}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String second = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/tasks").then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, second);
        long tasks = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM task WHERE title = ?1").setParameter(1, "编制政务公开年度报告" + suffix)
                .getSingleResult()).longValue());
        assertEquals(1, tasks);
        long assigned = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE type = 'task.assigned' AND payload->'task'->>'taskId' = ?1")
                .setParameter(1, first).getSingleResult()).longValue());
        assertEquals(1, assigned);
    }
}
