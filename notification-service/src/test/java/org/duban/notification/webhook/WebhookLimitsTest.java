package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.duban.notification.inbox.TaskEvents;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one unit can make the service do: at most duban.webhooks.max-endpoints-per-unit endpoints
 * (each notification is sent to every one of them), and at most duban.webhooks.max-response-bytes
 * read of an endpoint's answer.
 */
@QuarkusTest
class WebhookLimitsTest {

    private static int cap() {
        return ConfigProvider.getConfig().getOptionalValue("duban.webhooks.max-endpoints-per-unit", Integer.class).orElse(5);
    }

    private static io.restassured.response.Response create(String unit, int n) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/cap-" + n, "unitCode", unit, "description", "市司法局OA系统 " + n))
                .post("/api/v1/webhooks");
    }

    @Test
    void aUnitGetsAtMostTheConfiguredNumberOfEndpointsAndTheNextIsRefusedWithoutBeingStored() {
        String unit = TaskEvents.newUnit();
        int cap = cap();
        for (int i = 1; i <= cap; i++) {
            create(unit, i).then().statusCode(201);
        }
        create(unit, cap + 1).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:webhook-endpoint-limit"))
                .body("errors[0].field", equalTo("unitCode"))
                .body("errors[0].rejectedValue", equalTo(unit));
        given().queryParam("unitCode", unit).get("/api/v1/webhooks").then().statusCode(200)
                .body("items", hasSize(cap));

        // another unit is not affected; a removed endpoint frees its place
        create(TaskEvents.newUnit(), 1).then().statusCode(201);
        String first = given().queryParam("unitCode", unit).get("/api/v1/webhooks").then().extract().path("items[0].id");
        given().delete("/api/v1/webhooks/{id}", first).then().statusCode(204);
        create(unit, cap + 2).then().statusCode(201);
    }

    @Test
    void anEndlessAnswerIsReadOnlyUpToTheLimitAndTheConnectionIsClosed() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            String secret = given().contentType(ContentType.JSON).body(Map.of("url", r.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            r.verifyWith(secret);
            r.answer(new Receiver.Answer(500, Map.of(), Long.MAX_VALUE));
            TaskEvents.assign(UUID.randomUUID(), unit, "无尽的应答");

            // well before the 10 s call timeout: the first attempt is a 500 with a short excerpt
            await().atMost(Duration.ofSeconds(8)).ignoreExceptions().untilAsserted(() -> {
                JsonPath d = deliveries(unit);
                assertEquals(500, d.getInt("items[0].history[0].statusCode"));
            });
            String error = deliveries(unit).getString("items[0].history[0].error");
            assertNotNull(error);
            assertTrue(error.startsWith("HTTP 500: xxx") && error.length() <= 300, error);
            await().atMost(Duration.ofSeconds(5)).until(r::bodyCutOff);
            // the retry is answered 204
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertEquals("SUCCEEDED", deliveries(unit).getString("items[0].status")));
        }
    }

    private static JsonPath deliveries(String unit) {
        String notification = given().get("/api/v1/units/{code}/notifications", unit).then().extract().path("items[0].id");
        return given().get("/api/v1/notifications/{id}/deliveries", notification).then().statusCode(200)
                .extract().jsonPath();
    }

}
