package org.duban.notification.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.Scrape;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The domain meters of notification-service, read from a real scrape of /q/metrics while task
 * events go through the real consumer and the real delivery worker to a receiver in the test JVM.
 * Each test compares the scrape before and after what it does.
 */
@QuarkusTest
class DeliveryMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DeliveryMetrics metrics;

    static double created(String channel) {
        return Scrape.now().value("duban_notifications_created_total", Map.of("channel", channel));
    }

    static double deliveries(String channel, String outcome) {
        return Scrape.now().value("duban_deliveries_total", Map.of("channel", channel, "outcome", outcome));
    }

    static double calls(String channel) {
        return Scrape.now().value("duban_delivery_call_seconds_count", Map.of("channel", channel));
    }

    /** Waits until {@code now} has moved {@code by} from {@code before}, then checks it moved by exactly that. */
    static void assertMoves(String what, double before, double by, Supplier<Double> now) {
        await().atMost(WAIT).until(() -> now.get() >= before + by);
        assertEquals(before + by, now.get(), 0.0, what);
    }

    static String register(Receiver r, String unit) {
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("url", r.url(), "unitCode", unit, "eventTypes", List.of()))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        r.verifyWith(secret);
        return given().queryParam("unitCode", unit).get("/api/v1/webhooks").then().statusCode(200)
                .extract().path("items[0].id");
    }

    @Test
    void aTaskAssignedEventCountsItsNotificationsItsWebhookSentAndTheCall() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit);
            double inbox = created("inbox"), webhook = created("webhook"), email = created("email");
            double sent = deliveries("webhook", "sent");
            double callCount = calls("webhook");
            double callSum = Scrape.now().value("duban_delivery_call_seconds_sum", Map.of("channel", "webhook"));

            TaskEvents.assign(UUID.randomUUID(), unit, "指标任务");

            await().atMost(WAIT).until(() -> r.received().size() == 1);
            assertMoves("one inbox notification created", inbox, 1, () -> created("inbox"));
            assertMoves("one webhook delivery created", webhook, 1, () -> created("webhook"));
            assertMoves("the webhook delivery sent", sent, 1, () -> deliveries("webhook", "sent"));
            assertMoves("one webhook call timed", callCount, 1, () -> calls("webhook"));
            assertEquals(email, created("email"), 0.0, "the unit has no contact: no e-mail");
            double sum = Scrape.now().value("duban_delivery_call_seconds_sum", Map.of("channel", "webhook"));
            assertEquals(true, sum > callSum, "the call's duration is added: " + callSum + " -> " + sum);
        }
    }

    @Test
    void aFailingReceiverCountsARetryThenASend() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit);
            r.answer(new Receiver.Answer(503, Map.of()));
            double retried = deliveries("webhook", "retried"), sent = deliveries("webhook", "sent");

            TaskEvents.assign(UUID.randomUUID(), unit, "接收方暂时失败");

            await().atMost(WAIT).until(() -> r.received().size() == 2);
            assertMoves("the 503 counted as retried", retried, 1, () -> deliveries("webhook", "retried"));
            assertMoves("the second attempt counted as sent", sent, 1, () -> deliveries("webhook", "sent"));
        }
    }

    /**
     * The endpoint is disabled while its delivery waits for a retry (Retry-After 3 s): the retry
     * makes no call, the delivery is a dead letter, counted as disabled — and the dead-letter gauge,
     * read on its schedule (here: at once), counts it.
     */
    @Test
    void aDeliveryWhoseEndpointWasDisabledCountsAsDisabledAndItsDeadLetterIsGauged() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            String endpoint = register(r, unit);
            r.answer(new Receiver.Answer(503, Map.of("Retry-After", "3")));
            double disabled = deliveries("webhook", "disabled"), dead = deliveries("webhook", "dead");
            metrics.refresh();
            double deadLetters = Scrape.now().value("duban_deliveries_dead");

            TaskEvents.assign(UUID.randomUUID(), unit, "端点停用");
            await().atMost(WAIT).until(() -> r.received().size() == 1);
            String etag = given().get("/api/v1/webhooks/{id}", endpoint).then().statusCode(200).extract().header("ETag");
            given().header("If-Match", etag).contentType(ContentType.JSON)
                    .body(Map.of("url", r.url(), "eventTypes", List.of(), "enabled", false))
                    .put("/api/v1/webhooks/{id}", endpoint).then().statusCode(200);

            assertMoves("the retry found the endpoint disabled", disabled, 1, () -> deliveries("webhook", "disabled"));
            assertEquals(dead, deliveries("webhook", "dead"), 0.0, "counted once, as disabled, not also as dead");
            assertEquals(1, r.received().size(), "no call to a disabled endpoint");
            metrics.refresh();
            assertEquals(deadLetters + 1, Scrape.now().value("duban_deliveries_dead"), 0.0, "one more dead letter outstanding");
        }
    }
}
