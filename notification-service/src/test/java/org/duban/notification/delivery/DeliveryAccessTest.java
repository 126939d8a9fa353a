package org.duban.notification.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A delivery is its notification's unit's: read by supervisor, viewer and that unit's own; dead
 * letters are listed for supervisor and viewer and re-driven by the supervisor only.
 */
@QuarkusTest
class DeliveryAccessTest {

    private static final String FORBIDDEN = "urn:duban:problem:forbidden";

    @Test
    void aDeliveryIsReadOnlyByItsNotificationsUnitSupervisorAndViewer() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String czj = TaskEvents.newUnit();
            String sfj = TaskEvents.newUnit();
            given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", czj))
                    .post("/api/v1/webhooks").then().statusCode(201);
            TaskEvents.assign(UUID.randomUUID(), czj, "投递记录");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            String notification = given().get("/api/v1/units/{code}/notifications", czj).then().extract().path("items[0].id");
            String delivery = given().get("/api/v1/notifications/{id}/deliveries", notification).then().statusCode(200)
                    .body("items", hasSize(1)).extract().path("items[0].id");

            String other = TestKeys.token("unit-operator", sfj);
            given().auth().oauth2(other).get("/api/v1/notifications/{id}/deliveries", notification)
                    .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
            given().auth().oauth2(other).get("/api/v1/deliveries/{id}", delivery)
                    .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));

            for (String reader : new String[] {TestKeys.token("unit-operator", czj), TestKeys.token("integration", sfj, czj),
                    TestKeys.token("viewer")}) {
                given().auth().oauth2(reader).get("/api/v1/notifications/{id}/deliveries", notification)
                        .then().statusCode(200).body("items[0].id", equalTo(delivery));
                given().auth().oauth2(reader).get("/api/v1/deliveries/{id}", delivery)
                        .then().statusCode(200).body("unitCode", equalTo(czj));
            }
        }
    }

    @Test
    void deadLettersAreTheSupervisingOfficesToListAndRedrive() {
        String op = TestKeys.token("unit-operator", "sfj");
        given().auth().oauth2(op).get("/api/v1/dead-letters")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(TestKeys.token("integration", "sfj")).get("/api/v1/dead-letters").then().statusCode(403);
        given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/dead-letters").then().statusCode(200);
        for (String notSupervisor : new String[] {op, TestKeys.token("viewer"), TestKeys.token("integration", "sfj")}) {
            given().auth().oauth2(notSupervisor).post("/api/v1/dead-letters/{id}/redrive", UUID.randomUUID())
                    .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        }
        assertEquals(404, given().post("/api/v1/dead-letters/{id}/redrive", UUID.randomUUID()).statusCode());
    }
}
