package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Changing a webhook endpoint is optimistic: its ETag is the version, a change names the version it
 * read (If-Match, or "version" in the body), a stale one is a 412 and none at all a 428 — two
 * people editing one endpoint never silently overwrite each other.
 */
@QuarkusTest
class WebhookVersionTest {

    String id;

    @BeforeEach
    void anEndpoint() {
        id = given().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/v0", "unitCode", TaskEvents.newUnit()))
                .post("/api/v1/webhooks").then().statusCode(201).header("ETag", "\"0\"")
                .extract().path("endpoint.id");
    }

    private static String change(String url, Long version) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":[\"task.urged\"],\"description\":\"市司法局OA系统\",\"enabled\":true"
                + (version == null ? "" : ",\"version\":" + version) + "}";
    }

    @Test
    void aChangeAtTheVersionReadSucceedsAndAStaleOneIsA412() {
        String etag = given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("version", equalTo(0))
                .extract().header("ETag");
        assertEquals("\"0\"", etag);

        given().header("If-Match", etag).contentType(ContentType.JSON).body(change("http://127.0.0.1:9/v1", null))
                .put("/api/v1/webhooks/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));

        // a second editor still holding version 0: refused, nothing overwritten
        given().header("If-Match", etag).contentType(ContentType.JSON).body(change("http://127.0.0.1:9/stale", null))
                .put("/api/v1/webhooks/{id}", id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:precondition-failed"));
        given().contentType(ContentType.JSON).body(change("http://127.0.0.1:9/stale", 0L))
                .put("/api/v1/webhooks/{id}", id).then().statusCode(412);
        given().get("/api/v1/webhooks/{id}", id).then().body("url", equalTo("http://127.0.0.1:9/v1"))
                .header("ETag", "\"1\"");

        // the body's version works as well; If-Match wins over it
        given().contentType(ContentType.JSON).body(change("http://127.0.0.1:9/v2", 1L))
                .put("/api/v1/webhooks/{id}", id).then().statusCode(200).body("version", equalTo(2));
        given().header("If-Match", "\"1\"").contentType(ContentType.JSON).body(change("http://127.0.0.1:9/v3", 2L))
                .put("/api/v1/webhooks/{id}", id).then().statusCode(412);
    }

    @Test
    void aChangeWithoutAVersionIsA428AndAnIfMatchThatIsNoVersionA400() {
        given().contentType(ContentType.JSON).body(change("http://127.0.0.1:9/blind", null))
                .put("/api/v1/webhooks/{id}", id)
                .then().statusCode(428).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:precondition-required"));
        given().header("If-Match", "\"abc\"").contentType(ContentType.JSON).body(change("http://127.0.0.1:9/blind", null))
                .put("/api/v1/webhooks/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        given().get("/api/v1/webhooks/{id}", id).then().body("url", equalTo("http://127.0.0.1:9/v0"))
                .body("version", equalTo(0));
    }

    @Test
    void aRotationRaisesTheVersion() {
        given().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200);
        given().get("/api/v1/webhooks/{id}", id).then().header("ETag", "\"1\"");
    }
}
