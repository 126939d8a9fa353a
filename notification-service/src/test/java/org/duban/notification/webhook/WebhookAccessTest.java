package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Whose webhook endpoints a caller may see and change: an endpoint is its unit's (a global one the
 * supervising office's); the unit in a new endpoint's body must be one the caller acts for. Two
 * fresh units stand for 市司法局 (sfj) and 市财政局 (czj). The URLs are never called (the units get
 * no notifications).
 */
@QuarkusTest
class WebhookAccessTest {

    private static final String FORBIDDEN = "urn:duban:problem:forbidden";

    String sfj;
    String czj;
    String czjEndpoint;
    String sfjEndpoint;

    @BeforeEach
    void oneEndpointPerUnit() {
        sfj = TaskEvents.newUnit();
        czj = TaskEvents.newUnit();
        sfjEndpoint = create(TestKeys.token("unit-operator", sfj), sfj).then().statusCode(201).extract().path("endpoint.id");
        czjEndpoint = create(TestKeys.token("unit-operator", czj), czj).then().statusCode(201).extract().path("endpoint.id");
    }

    private static Response create(String token, String unitCode) {
        Map<String, Object> body = unitCode == null ? Map.of("url", "http://127.0.0.1:9/hook")
                : Map.of("url", "http://127.0.0.1:9/" + unitCode, "unitCode", unitCode, "description", "市司法局OA系统");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
    }

    private static String update(String url) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":[],\"description\":\"改\",\"enabled\":true,\"version\":0}";
    }

    @Test
    void anotherUnitsEndpointCannotBeReadUpdatedRotatedOrDeleted() {
        String op = TestKeys.token("unit-operator", sfj);
        given().auth().oauth2(op).get("/api/v1/webhooks/{id}", czjEndpoint)
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(op).contentType(ContentType.JSON).body(update("http://127.0.0.1:9/stolen"))
                .put("/api/v1/webhooks/{id}", czjEndpoint)
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(op).post("/api/v1/webhooks/{id}/rotate-secret", czjEndpoint)
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(op).delete("/api/v1/webhooks/{id}", czjEndpoint)
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));

        // unchanged: same URL, same version (a change or a rotation would raise it)
        given().get("/api/v1/webhooks/{id}", czjEndpoint).then().statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/" + czj))
                .body("version", equalTo(0));

        // its own: all four allowed
        given().auth().oauth2(op).get("/api/v1/webhooks/{id}", sfjEndpoint).then().statusCode(200);
        given().auth().oauth2(op).contentType(ContentType.JSON).body(update("http://127.0.0.1:9/new"))
                .put("/api/v1/webhooks/{id}", sfjEndpoint).then().statusCode(200).body("url", equalTo("http://127.0.0.1:9/new"));
        given().auth().oauth2(op).post("/api/v1/webhooks/{id}/rotate-secret", sfjEndpoint).then().statusCode(200);
        given().auth().oauth2(op).delete("/api/v1/webhooks/{id}", sfjEndpoint).then().statusCode(204);
    }

    @Test
    void aUnitOperatorRegistersEndpointsOnlyForItsOwnUnitAndNeverGlobalOnes() {
        String op = TestKeys.token("unit-operator", sfj);
        create(op, czj).then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        create(op, null).then().statusCode(403).body("type", equalTo(FORBIDDEN));
        create(TestKeys.token("integration", sfj), czj).then().statusCode(403);
        create(TestKeys.token("viewer"), sfj).then().statusCode(403);
        given().queryParam("unitCode", czj).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", equalTo(List.of(czjEndpoint)));
    }

    @Test
    void theListOfAUnitOperatorHoldsOnlyItsOwnUnitsEndpoints() {
        String global = create(TestKeys.token("supervisor"), null).then().statusCode(201).extract().path("endpoint.id");
        try {
            String op = TestKeys.token("unit-operator", sfj);
            given().auth().oauth2(op).get("/api/v1/webhooks").then().statusCode(200)
                    .body("items.id", equalTo(List.of(sfjEndpoint)));
            given().auth().oauth2(op).queryParam("unitCode", sfj).get("/api/v1/webhooks").then().statusCode(200)
                    .body("items.id", equalTo(List.of(sfjEndpoint)));
            given().auth().oauth2(op).queryParam("unitCode", czj).get("/api/v1/webhooks")
                    .then().statusCode(403).body("type", equalTo(FORBIDDEN));

            given().auth().oauth2(TestKeys.token("integration", sfj, czj)).get("/api/v1/webhooks").then().statusCode(200)
                    .body("items.id", equalTo(List.of(sfjEndpoint, czjEndpoint)));
            given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/webhooks").then().statusCode(200)
                    .body("items.id", hasItems(sfjEndpoint, czjEndpoint, global))
                    .body("items.unitCode", hasItem(equalTo(null)));
            given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/webhooks/{id}", czjEndpoint).then().statusCode(200);
            given().auth().oauth2(op).get("/api/v1/webhooks/{id}", global).then().statusCode(403);
            given().auth().oauth2(op).get("/api/v1/webhooks").then()
                    .body("items.unitCode", everyItem(equalTo(sfj)))
                    .body("items.id", not(hasItem(global)));
        } finally {
            given().delete("/api/v1/webhooks/{id}", global).then().statusCode(204);
        }
    }

    @Test
    void aViewerChangesNoEndpoint() {
        String viewer = TestKeys.token("viewer");
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(update("http://127.0.0.1:9/v"))
                .put("/api/v1/webhooks/{id}", czjEndpoint).then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(viewer).post("/api/v1/webhooks/{id}/rotate-secret", czjEndpoint).then().statusCode(403);
        given().auth().oauth2(viewer).delete("/api/v1/webhooks/{id}", czjEndpoint).then().statusCode(403);
        given().get("/api/v1/webhooks/{id}", czjEndpoint).then().statusCode(200);
    }

    /**
     * The stored first answer of POST /webhooks holds the secret: a retry by the same caller gets it
     * (one endpoint), the same key from another caller does not (keys are scoped by token subject).
     */
    @Test
    void aRetriedRegistrationReturnsTheSameEndpointAndSecretOnlyToTheSameCaller() {
        String key = UUID.randomUUID().toString();
        String op = TestKeys.token("unit-operator", sfj);
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/retry", "unitCode", sfj);
        Response first = given().auth().oauth2(op).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/webhooks");
        first.then().statusCode(201);
        Response retry = given().auth().oauth2(TestKeys.token("unit-operator", sfj)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.path("endpoint.id").toString(), retry.path("endpoint.id").toString());
        assertEquals(first.path("secret").toString(), retry.path("secret").toString());

        // the integration acting for sfj is another subject: same key, its own request, its own secret
        Response other = given().auth().oauth2(TestKeys.token("integration", sfj)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/webhooks");
        other.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertNotEquals(first.path("secret").toString(), other.path("secret").toString());
        assertNotEquals(first.path("endpoint.id").toString(), other.path("endpoint.id").toString());

        given().queryParam("unitCode", sfj).get("/api/v1/webhooks").then()
                .body("items.url", equalTo(List.of("http://127.0.0.1:9/" + sfj, "http://127.0.0.1:9/retry",
                        "http://127.0.0.1:9/retry")));
    }
}
