package org.duban.notification.parking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.duban.notification.Units;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: a record the inbox consumer cannot apply is parked with its reason and the partition
 * moves on; a supervisor re-drives or discards it. Real records on the real embedded Kafka.
 */
@QuarkusTest
class ParkedEventsTest {

    /** The unknown-unit grace (3 s) and a few polls. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    /** The parked entry of the event with ce_id {@code eventId} (any status), or null. */
    private static Map<String, Object> parked(String eventId) {
        for (String status : List.of("PARKED", "REDRIVEN", "DISCARDED")) {
            List<Map<String, Object>> items = given().queryParam("status", status).queryParam("limit", 200)
                    .get("/api/v1/parked-events").then().statusCode(200).extract().path("items");
            for (Map<String, Object> i : items) {
                if (eventId.equals(i.get("eventId"))) {
                    return i;
                }
            }
        }
        return null;
    }

    private static Map<String, Object> awaitParked(String eventId) {
        return await().atMost(WAIT).until(() -> parked(eventId), p -> p != null);
    }

    private static ProducerRecord<String, String> assigned(String key, String eventId, String unit, String title, String deadline) {
        UUID assignment = UUID.randomUUID();
        return TaskEvents.record(key, eventId, "task.assigned", assignment.toString(),
                TaskEvents.assignedJson(UUID.fromString(key), assignment, unit, "珠海市司法局", "LEAD", title, deadline));
    }

    @Test
    void eachPoisonIsParkedWithItsReasonAndTheNextRecordOfThePartitionIsApplied() {
        String unit = TaskEvents.newUnit();
        String nobody = TaskEvents.unknownUnit();
        String key = UUID.randomUUID().toString();
        Map<String, String> poisons = Map.of(
                "nul-title", "control-character",
                "far-deadline", "date-out-of-range",
                "very-far-deadline", "date-out-of-range",
                "unknown-unit", "unknown-unit",
                "malformed", "unreadable");
        Map<String, String> ids = Map.of("nul-title", UUID.randomUUID().toString(),
                "far-deadline", UUID.randomUUID().toString(), "very-far-deadline", UUID.randomUUID().toString(),
                "unknown-unit", UUID.randomUUID().toString(), "malformed", UUID.randomUUID().toString());

        // all with the same key: one partition, in this order, then a good record behind them
        TaskEvents.send(assigned(key, ids.get("nul-title"), unit, "编制\\u0000年度报告", "2026-12-31"));
        TaskEvents.send(assigned(key, ids.get("far-deadline"), unit, "远期任务", "9999-12-31"));
        TaskEvents.send(assigned(key, ids.get("very-far-deadline"), unit, "更远的任务", "+999999999-12-31"));
        TaskEvents.send(assigned(key, ids.get("unknown-unit"), nobody, "无此单位", "2026-12-31"));
        TaskEvents.send(TaskEvents.record(key, ids.get("malformed"), "task.assigned", null, "{\"taskId\":"));
        String good = UUID.randomUUID().toString();
        long sent = System.nanoTime();
        TaskEvents.send(assigned(key, good, unit, "毒记录之后", "2026-12-31"));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the good record waited " + took);
        given().get("/api/v1/units/{code}/notifications", unit).then()
                .body("items[0].eventId", equalTo(good))
                .body("items[0].title", equalTo("新任务：毒记录之后"));

        poisons.forEach((kind, reason) -> {
            Map<String, Object> p = awaitParked(ids.get(kind));
            assertEquals(reason, p.get("reason"), kind + ": " + p);
            assertEquals("PARKED", p.get("status"), kind);
            assertEquals("duban.task-events", p.get("topic"), kind);
            assertEquals(key, p.get("key"), kind);
            assertEquals("task.assigned", p.get("eventType"), kind);
            assertNotNull(p.get("errorMessage"), kind);
            assertTrue((Integer) p.get("attempts") >= 1, kind);
        });
        Map<String, Object> nul = parked(ids.get("nul-title"));
        assertTrue(nul.get("errorMessage").toString().contains("U+0000"), nul.toString());
        assertTrue(nul.get("value").toString().contains("\\u0000"), "the value is kept as it was: " + nul.get("value"));
        assertEquals(ids.get("nul-title"), ((Map<?, ?>) nul.get("headers")).get("ce_id"));
        assertEquals(nobody, parked(ids.get("unknown-unit")).get("unitCode"));
        // the record for a unit that does not exist created no inbox for it
        assertEquals(0, TaskEvents.inboxSize(nobody));

        // parking shows in readiness, which stays UP
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Consumers: parked events' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Consumers: parked events' }.data.parked", greaterThanOrEqualTo(5));
    }

    @Test
    void aRecordParkedForAnUnknownUnitIsReDrivenOnceTheUnitIsKnown() throws Exception {
        String unit = TaskEvents.unknownUnit();
        String key = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        TaskEvents.send(assigned(key, eventId, unit, "待单位建档", "2026-12-31"));
        String id = awaitParked(eventId).get("id").toString();

        // still unknown: stays parked, one more attempt, the error says why
        int attempts = given().get("/api/v1/parked-events/{id}", id).then().statusCode(200).extract().path("attempts");
        given().post("/api/v1/parked-events/{id}/redrive", id).then().statusCode(200)
                .body("status", equalTo("PARKED"))
                .body("reason", equalTo("unknown-unit"))
                .body("attempts", equalTo(attempts + 1));
        assertEquals(0, TaskEvents.inboxSize(unit));

        // the unit appears in the replica (written directly: duban.units would re-drive it by itself)
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO unit_replica (code, name, type, active, version, updated_at)
                VALUES (?, '珠海市新设局', 'MUNICIPAL_DEPARTMENT', true, 0, now())""")) {
            st.setString(1, unit);
            st.executeUpdate();
        }
        given().post("/api/v1/parked-events/{id}/redrive", id).then().statusCode(200)
                .body("status", equalTo("REDRIVEN"))
                .body("resolvedBy", equalTo("supervisor:local"));
        assertEquals(1, TaskEvents.inboxSize(unit));
        given().get("/api/v1/units/{code}/notifications", unit).then()
                .body("items[0].eventId", equalTo(eventId))
                .body("items[0].title", equalTo("新任务：待单位建档"));

        // again: nothing more happens (the event id is applied once)
        given().post("/api/v1/parked-events/{id}/redrive", id).then().statusCode(200).body("status", equalTo("REDRIVEN"));
        assertEquals(1, TaskEvents.inboxSize(unit));
        given().queryParam("limit", 200).get("/api/v1/parked-events").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().post("/api/v1/parked-events/{id}/discard", id).then().statusCode(409)
                .body("type", equalTo("urn:duban:problem:conflict"));
    }

    @Test
    void aRecordParkedForAnUnknownUnitIsReDrivenByItselfWhenTheUnitsSnapshotArrives() {
        String unit = TaskEvents.unknownUnit();
        String eventId = UUID.randomUUID().toString();
        TaskEvents.send(assigned(UUID.randomUUID().toString(), eventId, unit, "单位稍后建档", "2026-12-31"));
        awaitParked(eventId);

        Units.publish(unit, "珠海市后建局", "MUNICIPAL_DEPARTMENT", "[]");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
        Map<String, Object> p = parked(eventId);
        assertEquals("REDRIVEN", p.get("status"));
        assertTrue(p.get("resolvedBy").toString().startsWith("auto:"), p.toString());
    }

    @Test
    void aDiscardedRecordLeavesTheListAndIsNotReDriven() {
        String unit = TaskEvents.newUnit();
        String eventId = UUID.randomUUID().toString();
        TaskEvents.send(assigned(UUID.randomUUID().toString(), eventId, unit, "标题\\u0000含空字符", "2026-12-31"));
        String id = awaitParked(eventId).get("id").toString();
        given().queryParam("limit", 200).get("/api/v1/parked-events").then().body("items.id", hasItem(id));

        given().post("/api/v1/parked-events/{id}/discard", id).then().statusCode(200)
                .body("status", equalTo("DISCARDED"))
                .body("resolvedBy", equalTo("supervisor:local"));
        given().queryParam("limit", 200).get("/api/v1/parked-events").then().body("items.id", not(hasItem(id)));
        given().queryParam("status", "DISCARDED").queryParam("limit", 200).get("/api/v1/parked-events")
                .then().body("items.id", hasItem(id));
        given().post("/api/v1/parked-events/{id}/discard", id).then().statusCode(200).body("status", equalTo("DISCARDED"));
        given().post("/api/v1/parked-events/{id}/redrive", id).then().statusCode(409);
        assertEquals(0, TaskEvents.inboxSize(unit));
        given().get("/api/v1/parked-events/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theListIsPagedWithACursor() {
        String unit = TaskEvents.newUnit();
        for (int i = 0; i < 3; i++) {
            TaskEvents.send(assigned(UUID.randomUUID().toString(), UUID.randomUUID().toString(), unit,
                    "分页\\u0001" + i, "2026-12-31"));
        }
        await().atMost(WAIT).until(() -> given().queryParam("limit", 200).get("/api/v1/parked-events")
                .then().extract().<List<String>>path("items.unitCode").stream().filter(unit::equals).count() == 3);
        JsonPath first = given().queryParam("limit", 2).get("/api/v1/parked-events").then().statusCode(200).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        String cursor = first.getString("nextCursor");
        assertNotNull(cursor);
        List<String> next = given().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/parked-events")
                .then().statusCode(200).extract().path("items.id");
        assertTrue(next.stream().noneMatch(first.getList("items.id")::contains));
        given().queryParam("cursor", "not-a-cursor").get("/api/v1/parked-events").then().statusCode(400);
        given().queryParam("status", "GONE").get("/api/v1/parked-events").then().statusCode(400);
    }
}
