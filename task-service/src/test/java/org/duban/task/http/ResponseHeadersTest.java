package org.duban.task.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.ledger.ScriptedPlan;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.testsupport.security.ResponseHeaders.assertHardened;
import static org.duban.testsupport.security.ResponseHeaders.assertPrivate;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every response of task-service is hardened (no sniffing, no framing); every one outside the
 * public progress is never cached, while the public progress keeps its own caching for portals.
 */
@QuarkusTest
class ResponseHeadersTest {

    @Inject
    EntityManager em;

    @Test
    void protectedAnswersRefusalsAndProblemsAreHardenedAndNeverCached() {
        Response ok = given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/plans");
        ok.then().statusCode(200);
        assertPrivate(ok, "200 GET /plans");

        Response unauthenticated = given().auth().none().get("/api/v1/plans");
        unauthenticated.then().statusCode(401);
        assertPrivate(unauthenticated, "401");

        Response missing = given().get("/api/v1/tasks/" + UUID.randomUUID());
        missing.then().statusCode(404).contentType("application/problem+json");
        assertPrivate(missing, "404 problem");

        Response swagger = given().auth().none().get("/q/swagger-ui/");
        swagger.then().statusCode(200).contentType(containsString("text/html")).body(containsString("swagger-ui"));
        assertPrivate(swagger, "open /q/swagger-ui/");
    }

    @Test
    void thePublicProgressIsHardenedAndKeepsItsOwnCaching() throws Exception {
        ScriptedPlan plan = new ScriptedPlan(em);
        Response progress = given().auth().none().get("/api/v1/public/plans/" + plan.planId);
        progress.then().statusCode(200);
        assertHardened(progress, "public progress");
        // one Cache-Control, the resource's own (max-age for portals), not the private no-store
        java.util.List<String> cache = progress.getHeaders().getValues("Cache-Control");
        assertEquals(1, cache.size(), cache.toString());
        assertTrue(cache.get(0).contains("max-age=60") && !cache.get(0).contains("no-store"), cache.toString());
    }
}
