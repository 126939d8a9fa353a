package org.duban.notification.delivery;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness verdict on the delivery backlog: plain logic over one read. */
class DeliveryBacklogCheckTest {

    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    static final Duration AGE_MAX = Duration.ofMinutes(15);

    static DeliveryMetrics.Backlog backlog(long due, Duration oldestWaited, long dead) {
        return new DeliveryMetrics.Backlog(due, oldestWaited == null ? null : NOW.minus(oldestWaited).atOffset(ZoneOffset.UTC),
                dead, NOW.minusSeconds(10));
    }

    static HealthCheckResponse check(DeliveryMetrics.Backlog b, long max) {
        return DeliveryBacklogCheck.evaluate(b, null, max, AGE_MAX, NOW);
    }

    @Test
    void aBacklogWithinBothLimitsIsUpAndSaysItsFigures() {
        HealthCheckResponse r = check(backlog(3, Duration.ofMinutes(2), 7), 10);
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        var data = r.getData().orElseThrow();
        assertEquals(3L, data.get("backlog"));
        assertEquals(120L, data.get("oldestDueAgeSeconds"));
        assertEquals(7L, data.get("dead"));
        assertEquals(10L, data.get("backlogMax"));
        assertEquals(900L, data.get("ageMaxSeconds"));
        assertEquals("Deliveries: backlog", r.getName());
    }

    @Test
    void moreDueDeliveriesThanTheMaximumIsDown() {
        assertEquals(HealthCheckResponse.Status.UP, check(backlog(10, Duration.ofSeconds(1), 0), 10).getStatus());
        HealthCheckResponse r = check(backlog(11, Duration.ofSeconds(1), 0), 10);
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertTrue(r.getData().orElseThrow().get("reason").toString().contains("more than 10"));
    }

    @Test
    void anOldestDueDeliveryWaitingLongerThanTheMaximumIsDownEvenWhenFew() {
        assertEquals(HealthCheckResponse.Status.UP, check(backlog(1, AGE_MAX, 0), 10).getStatus());
        HealthCheckResponse r = check(backlog(1, AGE_MAX.plusSeconds(1), 0), 10);
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertEquals(901L, r.getData().orElseThrow().get("oldestDueAgeSeconds"));
    }

    @Test
    void noDueDeliveryHasAgeZeroAndDeadLettersAloneKeepItUp() {
        HealthCheckResponse r = check(backlog(0, null, 50_000), 10);
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        assertEquals(0L, r.getData().orElseThrow().get("oldestDueAgeSeconds"));
    }

    @Test
    void beforeTheFirstReadItIsUpAndSaysSo() {
        HealthCheckResponse r = DeliveryBacklogCheck.evaluate(null, "SQLException: connection refused", 10, AGE_MAX, NOW);
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        assertEquals("not read yet", r.getData().orElseThrow().get("backlog"));
        assertEquals("SQLException: connection refused", r.getData().orElseThrow().get("lastReadError"));
    }
}
