package org.duban.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.DeliveryAttempt;
import org.duban.notification.delivery.DeliveryWorker;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.duban.notification.webhook.WebhookDeliveryTest.deliveries;
import static org.duban.notification.webhook.WebhookDeliveryTest.register;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker that dies while a webhook call is in flight. The receiver holds that call: the worker
 * that made it is stuck in it and records nothing, as a killed process would. Its lease is then
 * run out (set to now: the wait itself is the configured lease, checked below) and the test thread
 * runs a pass, as the restarted process or another replica would. The %test schedule is 0.3 s × 3
 * (four attempts), the webhook timeout 10 s.
 */
@QuarkusTest
class WebhookCrashRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DeliveryWorker worker;

    /** Answers 500 to the calls before call number {@code held}, holds that one until released, then 204. */
    private static Function<Receiver.Received, Receiver.Answer> holding(int held, CountDownLatch release) {
        AtomicInteger calls = new AtomicInteger();
        return x -> {
            int n = calls.incrementAndGet();
            if (n < held) {
                return new Receiver.Answer(500, Map.of());
            }
            if (n == held) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Receiver.Answer.OK;
        };
    }

    /**
     * The lease runs out now (rather than in 20 s), as if the worker holding it had died that long
     * ago: the delivery is due, and its history (the call in flight too) a lease older.
     */
    private void runOutTheLease(String deliveryId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery.update("nextAttemptAt = ?1 where id = ?2", OffsetDateTime.now(ZoneOffset.UTC), UUID.fromString(deliveryId));
            for (DeliveryAttempt a : DeliveryAttempt.<DeliveryAttempt>list("deliveryId", UUID.fromString(deliveryId))) {
                a.attemptedAt = a.attemptedAt.minus(worker.lease());
            }
        });
    }

    @Test
    void aCallCutOffMidwayIsRepeatedAfterTheLeaseAndTheHistoryShowsBothAttempts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit, List.of());
            r.afterScript(holding(1, release));
            TaskEvents.assign(UUID.randomUUID(), unit, "进程在调用中被终止");
            await().atMost(WAIT).until(() -> r.received().size() == 1);

            // written before the call: a crash now leaves this row behind
            JsonPath inFlight = deliveries(unit);
            String id = inFlight.getString("items[0].id");
            assertEquals(1, inFlight.getInt("items[0].attempts"));
            assertEquals(1, inFlight.getList("items[0].history").size());
            assertEquals("IN_FLIGHT", inFlight.getString("items[0].history[0].outcome"));
            assertNull(inFlight.get("items[0].history[0].durationMs"));
            // the lease, renewed when the call started: the webhook timeout (10 s) + 10 s, not minutes
            Duration lease = Duration.between(OffsetDateTime.parse(inFlight.getString("items[0].history[0].attemptedAt")),
                    OffsetDateTime.parse(inFlight.getString("items[0].nextAttemptAt")));
            assertEquals(Duration.ofSeconds(20), lease);
            assertEquals(Duration.ofSeconds(20), worker.lease());

            runOutTheLease(id);
            worker.runOnce();

            JsonPath after = deliveries(unit);
            assertEquals("SUCCEEDED", after.getString("items[0].status"));
            assertEquals(2, after.getInt("items[0].attempts"));
            assertEquals(2, after.getList("items[0].history").size());
            assertEquals("INTERRUPTED", after.getString("items[0].history[0].outcome"));
            assertNull(after.get("items[0].history[0].statusCode"));
            assertNull(after.get("items[0].history[0].durationMs"));
            assertTrue(after.getString("items[0].history[0].error").contains("cut off"));
            assertEquals("SUCCEEDED", after.getString("items[0].history[1].outcome"));
            assertEquals(204, after.getInt("items[0].history[1].statusCode"));
            assertEquals(2, r.received().size());
            assertEquals(id, r.received().get(0).webhookId());
            assertEquals(id, r.received().get(1).webhookId(), "the repeat carries the same webhook-id");

            // the stuck worker gets its (late) answer: the attempt stays INTERRUPTED, nothing is counted twice
            release.countDown();
            TaskEvents.assign(UUID.randomUUID(), unit, "之后的任务");
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(2, TaskEvents.inboxSize(unit)));
            // the newest notification's delivery done by the scheduled worker: it is past the held call
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                JsonPath newest = deliveries(unit);
                assertTrue(!id.equals(newest.getString("items[0].id")));
                assertEquals("SUCCEEDED", newest.getString("items[0].status"));
            });
            assertEquals(3, r.received().size());
            JsonPath last = given().get("/api/v1/deliveries/{id}", id).then().statusCode(200).extract().jsonPath();
            assertEquals(2, last.getInt("attempts"));
            assertEquals("INTERRUPTED", last.getString("history[0].outcome"));
            assertEquals("SUCCEEDED", last.getString("status"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCallCutOffAtTheLastAttemptMakesADeadLetterNotAFifthCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit, List.of());
            r.afterScript(holding(4, release));
            TaskEvents.assign(UUID.randomUUID(), unit, "最后一次调用被中断");
            await().atMost(WAIT).until(() -> r.received().size() == 4);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertEquals("IN_FLIGHT", deliveries(unit).getString("items[0].history[3].outcome")));
            String id = deliveries(unit).getString("items[0].id");

            runOutTheLease(id);
            worker.runOnce();

            JsonPath d = deliveries(unit);
            assertEquals("DEAD", d.getString("items[0].status"));
            assertEquals(4, d.getInt("items[0].attempts"));
            assertEquals(List.of("FAILED", "FAILED", "FAILED", "INTERRUPTED"), d.getList("items[0].history.outcome"));
            assertEquals(4, r.received().size(), "no call beyond the last attempt");
            given().queryParam("unitCode", unit).get("/api/v1/dead-letters").then().statusCode(200)
                    .body("items[0].id", equalTo(id));
            release.countDown();
        } finally {
            release.countDown();
        }
    }

}
