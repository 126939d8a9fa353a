package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook deliveries against a receiver in the test JVM. The %test retry schedule is 0.3 s × 3
 * (four attempts in all), jitter 10 %.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static String register(Receiver r, String unit, List<String> types) {
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("url", r.url(), "unitCode", unit, "eventTypes", types))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        r.verifyWith(secret);
        return secret;
    }

    static String endpointId(String unit) {
        return given().queryParam("unitCode", unit).get("/api/v1/webhooks").then().statusCode(200)
                .extract().path("items[0].id");
    }

    static String notificationId(String unit) {
        return given().get("/api/v1/units/{code}/notifications", unit).then().extract().path("items[0].id");
    }

    static JsonPath deliveries(String unit) {
        return given().get("/api/v1/notifications/{id}/deliveries", notificationId(unit)).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aFailedCallIsRetriedNoSoonerThanRetryAfterWithTheSameWebhookId() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit, List.of());
            r.answer(new Receiver.Answer(503, Map.of("Retry-After", "2")));
            TaskEvents.assign(UUID.randomUUID(), unit, "重试任务");

            await().atMost(WAIT).until(() -> r.received().size() == 2);
            List<Receiver.Received> got = r.received();
            assertEquals(got.get(0).webhookId(), got.get(1).webhookId(), "webhook-id is stable across retries");
            assertTrue(got.get(0).verified() && got.get(1).verified());
            long waited = got.get(1).receivedAtMillis() - got.get(0).receivedAtMillis();
            assertTrue(waited >= 1900, "Retry-After 2 s honoured over the 0.3 s schedule, waited " + waited + " ms");

            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals("SUCCEEDED", deliveries(unit).getString("items[0].status")));
            JsonPath d = deliveries(unit);
            assertEquals(got.get(0).webhookId(), d.getString("items[0].id"));
            assertEquals("webhook", d.getString("items[0].channel"));
            assertEquals(2, d.getInt("items[0].attempts"));
            assertEquals(503, d.getInt("items[0].history[0].statusCode"));
            assertEquals(2, d.getInt("items[0].history[0].retryAfterSeconds"));
            assertEquals(204, d.getInt("items[0].history[1].statusCode"));
            Thread.sleep(700);
            assertEquals(2, r.received().size(), "nothing sent after success");
        }
    }

    @Test
    void gone410DisablesTheEndpointAndItGetsNothingMore() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit, List.of());
            r.answer(new Receiver.Answer(410, Map.of()));
            TaskEvents.assign(UUID.randomUUID(), unit, "接收方已下线");

            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals("DEAD", deliveries(unit).getString("items[0].status")));
            String id = endpointId(unit);
            given().get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                    .body("enabled", equalTo(false));
            assertTrue(given().get("/api/v1/webhooks/{id}", id).then().extract().<String>path("disabledReason").contains("410"));
            assertEquals(1, deliveries(unit).getInt("items[0].attempts"), "no retry after 410");

            String other = TaskEvents.newUnit();
            TaskEvents.assign(UUID.randomUUID(), unit, "第二项");
            TaskEvents.assign(UUID.randomUUID(), other, "标记");
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(other)));
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals(2, TaskEvents.inboxSize(unit)));
            Thread.sleep(700);
            assertEquals(1, r.received().size(), "a disabled endpoint is not called");
        }
    }

    @Test
    void afterTheLastAttemptADeadLetterIsListedAndCanBeRedriven() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit, List.of());
            r.afterScript(x -> new Receiver.Answer(500, Map.of()));
            TaskEvents.assign(UUID.randomUUID(), unit, "一直失败");

            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals("DEAD", deliveries(unit).getString("items[0].status")));
            assertEquals(4, r.received().size(), "first attempt + the 3 of the schedule");
            String deliveryId = deliveries(unit).getString("items[0].id");
            given().queryParam("unitCode", unit).get("/api/v1/dead-letters").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].id", equalTo(deliveryId))
                    .body("items[0].attempts", equalTo(4))
                    .body("items[0].lastStatusCode", equalTo(500));

            r.afterScript(x -> Receiver.Answer.OK);
            given().post("/api/v1/dead-letters/{id}/redrive", deliveryId).then().statusCode(200)
                    .body("status", equalTo("PENDING"));
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertEquals("SUCCEEDED", deliveries(unit).getString("items[0].status")));
            assertEquals(5, r.received().size());
            assertTrue(r.received().stream().allMatch(x -> x.webhookId().equals(deliveryId)), "same webhook-id");
            given().queryParam("unitCode", unit).get("/api/v1/dead-letters").then().body("items", hasSize(0));
            given().post("/api/v1/dead-letters/{id}/redrive", deliveryId).then().statusCode(409)
                    .body("type", equalTo("urn:duban:problem:conflict"));
        }
    }

    @Test
    void afterARotationMessagesVerifyWithTheOldAndTheNewSecret() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            String old = register(r, unit, List.of());
            String fresh = given().post("/api/v1/webhooks/{id}/rotate-secret", endpointId(unit)).then().statusCode(200)
                    .extract().path("secret");
            assertFalse(fresh.equals(old));
            r.verifyWith(old, fresh);
            TaskEvents.assign(UUID.randomUUID(), unit, "轮换密钥");
            await().atMost(WAIT).until(() -> r.received().size() == 1);
            assertTrue(r.received().get(0).verified(), "signed with both secrets during the overlap");
            assertEquals(2, r.received().get(0).signature().split(" ").length);
        }
    }

    @Test
    void anEndpointGetsOnlyItsUnitsSubscribedTypesAndAGlobalOneGetsEveryUnits() throws Exception {
        try (Receiver urgesOnly = new Receiver(); Receiver global = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(urgesOnly, unit, List.of("task.urged"));
            String globalId = given().contentType(ContentType.JSON).body(Map.of("url", global.url()))
                    .post("/api/v1/webhooks").then().statusCode(201).body("endpoint.unitCode", equalTo(null))
                    .extract().path("endpoint.id");
            String other = TaskEvents.newUnit();
            TaskEvents.assign(UUID.randomUUID(), unit, "只订阅催办");
            TaskEvents.assign(UUID.randomUUID(), other, "另一单位");
            await().atMost(WAIT).until(() -> global.received().stream()
                    .filter(x -> x.body().contains(unit) || x.body().contains(other)).count() == 2);
            Thread.sleep(700);
            assertEquals(0, urgesOnly.received().size(), "task.assigned is not subscribed");
            given().delete("/api/v1/webhooks/{id}", globalId).then().statusCode(204);
        }
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedWithAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("url", "ftp://oa.example/hook", "unitCode", "sfj"))
                .post("/api/v1/webhooks").then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body(Map.of("unitCode", "sfj"))
                .post("/api/v1/webhooks").then().statusCode(400);
        given().get("/api/v1/webhooks/{id}", UUID.randomUUID()).then().statusCode(404);
    }
}
