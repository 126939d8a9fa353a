package org.duban.notification.contract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12, round two, in notification-service: a query or path parameter that cannot be read or
 * holds a control character, a control character or a key twice in a body, and a forged cursor
 * with a far date are 400 problems naming the field — not 404s, not 500s — and nothing is written.
 */
@QuarkusTest
class InputLimitsTest {

    private static final String INBOX = "/api/v1/units/{code}/notifications";

    @Test
    void inboxParametersThatCannotBeReadAreA400NamingThem() {
        String unit = TaskEvents.newUnit();
        given().queryParam("limit", "abc").get(INBOX, unit).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation")).body("errors[0].field", equalTo("limit"));
        given().queryParam("taskId", "not-a-uuid").get(INBOX, unit).then().statusCode(400).body("errors[0].field", equalTo("taskId"));
        given().queryParam("read", "maybe").get(INBOX, unit).then().statusCode(400).body("errors[0].field", equalTo("read"));
        given().urlEncodingEnabled(false).get("/api/v1/units/" + unit + "/notifications?type=task.urged%00")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().get("/api/v1/webhooks/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void aForgedCursorWithAFarDateIsA400NotA500() {
        String unit = TaskEvents.newUnit();
        for (String at : new String[]{"+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at + "|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            given().queryParam("cursor", cursor).get(INBOX, unit).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void aControlCharacterOrAKeyTwiceInAWebhookIsA400AndNothingIsWritten() {
        String unit = TaskEvents.newUnit();
        given().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/nul\",\"unitCode\":\"" + unit + "\",\"description\":\"市司法局OA\\u0000\"}")
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation")).body("errors[0].field", equalTo("description"));
        given().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/a\",\"unitCode\":\"" + unit + "\",\"url\":\"http://127.0.0.1:9/b\"}")
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:malformed-request")).body("errors[0].field", equalTo("url"));
        given().queryParam("unitCode", unit).get("/api/v1/webhooks").then().statusCode(200).body("items.size()", equalTo(0));
    }
}
