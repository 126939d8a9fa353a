package org.duban.registry.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.duban.common.security.Caller;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.duban.testsupport.security.ResponseHeaders.assertPrivate;
import static org.hamcrest.Matchers.containsString;

/** Every response of the registry is hardened (no sniffing, no framing) and never cached. */
@QuarkusTest
class ResponseHeadersTest {

    @Test
    void protectedAnswersRefusalsProblemsAndOpenPagesCarryTheHeaders() {
        Response ok = given().auth().oauth2(TestKeys.token(Caller.VIEWER)).get("/api/v1/units");
        ok.then().statusCode(200);
        assertPrivate(ok, "200 GET /units");

        Response unauthenticated = given().auth().none().get("/api/v1/units");
        unauthenticated.then().statusCode(401);
        assertPrivate(unauthenticated, "401");

        Response forbidden = given().auth().oauth2(TestKeys.token(Caller.VIEWER)).contentType("application/json")
                .body("{\"code\":\"hdr-x\",\"name\":\"珠海市标头局\",\"type\":\"MUNICIPAL_DEPARTMENT\"}").post("/api/v1/units");
        forbidden.then().statusCode(403);
        assertPrivate(forbidden, "403");

        Response missing = given().get("/api/v1/units/no-such-unit-hdr");
        missing.then().statusCode(404).contentType("application/problem+json");
        assertPrivate(missing, "404 problem");

        Response openapi = given().auth().none().get("/q/openapi");
        openapi.then().statusCode(200);
        assertPrivate(openapi, "open /q/openapi");

        // Swagger UI still renders: only framing is restricted, not its scripts
        Response swagger = given().auth().none().get("/q/swagger-ui/");
        swagger.then().statusCode(200).contentType(containsString("text/html")).body(containsString("swagger-ui"));
        assertPrivate(swagger, "open /q/swagger-ui/");
    }
}
