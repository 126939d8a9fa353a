package org.duban.notification.delivery;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery backlog's readiness check in the running service: listed in /q/health/ready with
 * its figures, and DOWN over a real read of a stuck delivery when the limits are low.
 */
@QuarkusTest
class DeliveryBacklogReadinessTest {

    @Inject
    DeliveryMetrics metrics;

    @Inject
    Session session;

    @Test
    void readinessListsTheDeliveryBacklogWithItsFigures() {
        metrics.refresh();
        given().auth().none().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Deliveries: backlog' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Deliveries: backlog' }.data.backlog", greaterThanOrEqualTo(0))
                .body("checks.find { it.name == 'Deliveries: backlog' }.data.dead", greaterThanOrEqualTo(0))
                .body("checks.find { it.name == 'Deliveries: backlog' }.data.backlogMax", equalTo(10000))
                .body("checks.find { it.name == 'Deliveries: backlog' }.data.ageMaxSeconds", equalTo(900))
                .body("checks.find { it.name == 'Deliveries: backlog' }.data.readAt", notNullValue());
    }

    /**
     * A delivery due an hour ago and never sent, written in this test's transaction (rolled back at
     * the end; no worker sees it): the read counts it, and the check with low limits is DOWN.
     */
    @Test
    @TestTransaction
    void aDeliveryDueAnHourAgoMakesTheCheckDownWithLowLimits() {
        OffsetDateTime hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        session.createNativeMutationQuery("""
                INSERT INTO delivery (id, event_id, event_type, unit_code, channel, target, payload, status, attempts,
                                      next_attempt_at, created_at)
                VALUES (?1, ?2, 'task.assigned', 'sfj', 'email', 'sfj@units.example', '-', 'PENDING', 0, ?3, ?3)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, UUID.randomUUID().toString())
                .setParameter(3, hourAgo).executeUpdate();

        DeliveryMetrics.Backlog b = metrics.read();
        assertTrue(b.due() >= 1, "the due delivery is counted: " + b);
        Instant now = Instant.now();
        assertTrue(b.oldestAge(now).toMinutes() >= 59, "its wait is the oldest: " + b.oldestAge(now));

        assertEquals(HealthCheckResponse.Status.UP,
                DeliveryBacklogCheck.evaluate(b, null, 10_000, Duration.ofHours(2), now).getStatus());
        assertEquals(HealthCheckResponse.Status.DOWN,
                DeliveryBacklogCheck.evaluate(b, null, 10_000, Duration.ofMinutes(15), now).getStatus(),
                "an hour is older than 15 min");
        assertEquals(HealthCheckResponse.Status.DOWN,
                DeliveryBacklogCheck.evaluate(b, null, 0, Duration.ofHours(2), now).getStatus(),
                "one is more than none");
    }
}
