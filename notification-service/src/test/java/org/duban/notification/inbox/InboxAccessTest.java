package org.duban.notification.inbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whose inbox a caller may read or mark read: the unit code of the path is checked against the
 * token's units, and a notification id must be the path unit's. Two fresh units stand for 市司法局
 * (sfj) and 市财政局 (czj), each with one unread notification.
 */
@QuarkusTest
class InboxAccessTest {

    private static final String INBOX = "/api/v1/units/{code}/notifications";
    private static final String FORBIDDEN = "urn:duban:problem:forbidden";

    String sfj;
    String czj;
    String czjNotification;
    String sfjNotification;

    @BeforeEach
    void twoUnitsWithOneUnreadNotificationEach() {
        sfj = TaskEvents.newUnit();
        czj = TaskEvents.newUnit();
        TaskEvents.assign(UUID.randomUUID(), sfj, "司法局的任务");
        TaskEvents.assign(UUID.randomUUID(), czj, "财政局的任务");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(1, TaskEvents.inboxSize(sfj));
            assertEquals(1, TaskEvents.inboxSize(czj));
        });
        sfjNotification = given().get(INBOX, sfj).then().extract().path("items[0].id");
        czjNotification = given().get(INBOX, czj).then().extract().path("items[0].id");
    }

    private static String operator(String unit) {
        return TestKeys.token("unit-operator", unit);
    }

    private void czjStillUnread() {
        given().get(INBOX, czj).then().statusCode(200)
                .body("unreadCount", equalTo(1))
                .body("items[0].read", equalTo(false));
    }

    @Test
    void aUnitOperatorCannotReadAnotherUnitsInbox() {
        given().auth().oauth2(operator(sfj)).get(INBOX, czj)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(FORBIDDEN))
                .body("detail", containsString(czj));
        given().auth().oauth2(operator(sfj)).get(INBOX + "/stream", czj).then().statusCode(403);
        given().auth().oauth2(operator(sfj)).get(INBOX, sfj)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(sfjNotification));
    }

    @Test
    void aUnitOperatorCannotMarkAnotherUnitsNotificationRead() {
        // the other unit in the path
        given().auth().oauth2(operator(sfj)).post(INBOX + "/{id}/read", czj, czjNotification)
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(operator(sfj)).post(INBOX + "/read-all", czj)
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        // its own unit in the path, the other unit's notification id: not its inbox's
        given().auth().oauth2(operator(sfj)).post(INBOX + "/{id}/read", sfj, czjNotification)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:not-found"));
        czjStillUnread();

        given().auth().oauth2(operator(sfj)).post(INBOX + "/{id}/read", sfj, sfjNotification).then().statusCode(204);
        given().get(INBOX, sfj).then().body("unreadCount", equalTo(0));
    }

    @Test
    void anIntegrationForBothUnitsReadsAndMarksBoth() {
        String oa = TestKeys.token("integration", sfj, czj);
        given().auth().oauth2(oa).get(INBOX, sfj).then().statusCode(200).body("items[0].id", equalTo(sfjNotification));
        given().auth().oauth2(oa).get(INBOX, czj).then().statusCode(200).body("items[0].id", equalTo(czjNotification));
        given().auth().oauth2(oa).post(INBOX + "/{id}/read", czj, czjNotification).then().statusCode(204);
        given().auth().oauth2(oa).post(INBOX + "/read-all", sfj).then().statusCode(200).body("marked", equalTo(1));
        given().get(INBOX, czj).then().body("unreadCount", equalTo(0));

        // an integration for sfj only is refused czj's inbox
        given().auth().oauth2(TestKeys.token("integration", sfj)).get(INBOX, czj).then().statusCode(403)
                .body("type", equalTo(FORBIDDEN));
    }

    @Test
    void aViewerReadsEveryInboxButMarksNothingRead() {
        String viewer = TestKeys.token("viewer");
        given().auth().oauth2(viewer).get(INBOX, czj).then().statusCode(200).body("items[0].id", equalTo(czjNotification));
        given().auth().oauth2(viewer).get(INBOX, sfj).then().statusCode(200);
        given().auth().oauth2(viewer).post(INBOX + "/{id}/read", czj, czjNotification)
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(viewer).post(INBOX + "/read-all", czj).then().statusCode(403);
        czjStillUnread();
    }

    @Test
    void preferencesAreReadByTheUnitAndViewersAndReplacedOnlyByTheUnit() {
        String prefs = "/api/v1/units/{code}/notification-preferences";
        String body = "{\"items\":[{\"eventType\":\"task.urged\",\"channel\":\"email\",\"mode\":\"DIGEST\"}]}";
        given().auth().oauth2(operator(sfj)).contentType(ContentType.JSON).body(body).put(prefs, czj)
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(TestKeys.token("viewer")).contentType(ContentType.JSON).body(body).put(prefs, czj)
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(operator(sfj)).get(prefs, czj).then().statusCode(403);
        given().get(prefs, czj).then().statusCode(200).body("items", hasSize(0));

        given().auth().oauth2(operator(czj)).contentType(ContentType.JSON).body(body).put(prefs, czj)
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(TestKeys.token("viewer")).get(prefs, czj).then().statusCode(200)
                .body("items[0].mode", equalTo("DIGEST"));
    }

    @Test
    void withoutATokenTheInboxIsA401Problem() {
        given().auth().none().get(INBOX, sfj)
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unauthenticated"))
                .header("WWW-Authenticate", containsString("Bearer"));
    }
}
