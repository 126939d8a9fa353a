package org.duban.task.health;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.duban.common.outbox.OutboxRelay;
import org.duban.common.outbox.OutboxState;
import org.duban.task.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness checks of issue 15, through /q/health/ready. */
@QuarkusTest
class HealthChecksTest {

    private static final String OUTBOX = "Outbox: oldest unpublished event";
    private static final String CALENDAR = "Working-day calendar";

    @Inject
    DataSource db;

    @Inject
    OutboxState outbox;

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void readinessIsDownWhileAnEventOlderThanTenMinutesIsUnpublishedAndUpOnceItIsGone() throws Exception {
        String id = UUID.randomUUID().toString();
        // the relay's lock held by this test: the row stays unpublished (and never reaches Kafka)
        try (Connection relayLock = db.getConnection(); Connection c = db.getConnection()) {
            relayLock.setAutoCommit(false);
            try (PreparedStatement lock = relayLock.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            try {
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload)
                        VALUES (CAST(? AS uuid), 'duban.task-events', 'k', 'test.outbox-age', '/test', 's',
                                now() - interval '11 minutes', '{}')""")) {
                    insert.setString(1, id);
                    insert.executeUpdate();
                }
                outbox.refresh(); // what the scheduled read (every 10 s) does

                JsonPath health = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertEquals("DOWN", health.getString("status"));
                Map<String, Object> check = check(health, OUTBOX);
                assertEquals("DOWN", check.get("status"));
                Map<?, ?> data = (Map<?, ?>) check.get("data");
                assertEquals(600, ((Number) data.get("maxAgeSeconds")).intValue());
                assertTrue(((Number) data.get("oldestAgeSeconds")).intValue() >= 660, data.toString());
                assertTrue(((Number) data.get("backlog")).intValue() >= 1, data.toString());
            } finally {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox_event WHERE id = CAST(? AS uuid)")) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                }
                relayLock.rollback();
            }
        }
        outbox.refresh();
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        assertEquals("UP", check(health, OUTBOX).get("status"));
    }

    @Test
    void fromTheFirstOfDecemberACalendarWithoutTheNextYearsHolidaysWarnsInItsDataButStaysUp() {
        clock.set(LocalDateTime.of(2026, 12, 2, 9, 0)); // the shipped data ends with 2026
        Map<String, Object> check = check(given().get("/q/health/ready").then().extract().jsonPath(), CALENDAR);
        assertEquals("UP", check.get("status"));
        Map<?, ?> data = (Map<?, ?>) check.get("data");
        assertTrue(String.valueOf(data.get("warning")).contains("no holidays for 2027"), data.toString());
        assertEquals("2026-12-02", data.get("today"));

        clock.set(LocalDateTime.of(2026, 11, 30, 9, 0));
        check = check(given().get("/q/health/ready").then().extract().jsonPath(), CALENDAR);
        assertEquals("UP", check.get("status"));
        assertFalse(((Map<?, ?>) check.get("data")).containsKey("warning"), check.toString());
    }

    private static Map<String, Object> check(JsonPath health, String name) {
        Map<String, Object> check = health.getMap("checks.find { it.name == '" + name + "' }");
        assertTrue(check != null, name + " is not among " + health.prettify());
        return check;
    }
}
