package org.duban.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.duban.notification.webhook.WebhookDeliveryTest.endpointId;
import static org.duban.notification.webhook.WebhookDeliveryTest.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A receiver that answers 500 for a while, then recovers: its backlog is sent when it answers 2xx
 * again, not at the next long retry. The retry schedule here is production's shape, five times
 * faster: 1 s, 1 min, 6 min … (production 5 s, 5 min, 30 min …), jitter ± 20 %.
 */
@QuarkusTest
@TestProfile(WebhookEndpointRecoveryTest.ProductionShapedSchedule.class)
class WebhookEndpointRecoveryTest {

    public static class ProductionShapedSchedule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("duban.notification.deliveries.retry-schedule", "1s,1m,6m,24m,1h,2h",
                    "duban.notification.deliveries.jitter", "0.2");
        }
    }

    /** More than the worker's batch (50): the backlog is pulled forward a batch at a time. */
    private static final int BACKLOG = 60;

    private static final Receiver.Answer ERROR = new Receiver.Answer(500, Map.of());

    /** Deliveries to the endpoint that failed twice and wait for the 1-minute retry (48..72 s). */
    private static long waitingForTheLongRetry(UUID endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                "endpointId = ?1 and status = 'PENDING' and attempts = 2 and nextAttemptAt > ?2", endpoint,
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(30)));
    }

    private static long succeeded(UUID endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                "endpointId = ?1 and status = 'SUCCEEDED'", endpoint));
    }

    private static java.util.stream.Stream<Receiver.Received> ours(Receiver r) {
        return r.received().stream().filter(Receiver.Received::verified);
    }

    @Test
    void aReceiverBackAfterAnOutageGetsItsBacklogWithinSecondsWhileOneStillFailingKeepsItsSchedule() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean();
        try (Receiver recovering = new Receiver(); Receiver failing = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(recovering, unit, List.of());
            UUID endpoint = UUID.fromString(endpointId(unit));
            recovering.afterScript(x -> healthy.get() ? Receiver.Answer.OK : ERROR);
            String other = TaskEvents.newUnit();
            register(failing, other, List.of());
            UUID failingEndpoint = UUID.fromString(endpointId(other));
            failing.afterScript(x -> ERROR);

            for (int i = 0; i < BACKLOG; i++) {
                TaskEvents.assign(UUID.randomUUID(), unit, "积压通知" + i);
            }
            for (int i = 0; i < 3; i++) {
                TaskEvents.assign(UUID.randomUUID(), other, "仍然失败" + i);
            }
            // the outage: each failed at once and 1 s later, and now waits a minute
            await().atMost(Duration.ofSeconds(60)).until(() -> waitingForTheLongRetry(endpoint) == BACKLOG
                    && waitingForTheLongRetry(failingEndpoint) == 3);

            healthy.set(true);
            long recoveredAt = System.currentTimeMillis();
            // traffic goes on: the next notification's first call meets the recovered receiver
            TaskEvents.assign(UUID.randomUUID(), unit, "恢复后的新通知");
            // the old code sent the backlog at the 1-minute retry: 48 s or more after its second failure
            await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(endpoint) == BACKLOG + 1);
            long took = System.currentTimeMillis() - recoveredAt;

            assertEquals(3, waitingForTheLongRetry(failingEndpoint),
                    "an endpoint that keeps failing keeps its schedule (" + took + " ms after the other recovered)");
            // only calls signed with our endpoints' secrets count: an earlier test's endpoint may still retry
            // on a port the system has since given to one of these receivers
            assertEquals(6, ours(failing).count());
            assertEquals(BACKLOG + 1, ours(recovering).filter(r -> r.receivedAtMillis() >= recoveredAt)
                    .map(Receiver.Received::webhookId).distinct().count(), "each delivery once after the recovery");
            assertEquals(BACKLOG * 2 + BACKLOG + 1, ours(recovering).count(), "two failed calls each, then one success");
        }
    }
}
