package org.duban.notification.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.testsupport.security.ResponseHeaders.assertPrivate;
import static org.hamcrest.Matchers.containsString;

/** Every response of notification-service is hardened (no sniffing, no framing) and never cached. */
@QuarkusTest
class ResponseHeadersTest {

    @Test
    void protectedAnswersRefusalsProblemsAndOpenPagesCarryTheHeaders() {
        Response ok = given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/webhooks");
        ok.then().statusCode(200);
        assertPrivate(ok, "200 GET /webhooks");

        Response unauthenticated = given().auth().none().get("/api/v1/webhooks");
        unauthenticated.then().statusCode(401);
        assertPrivate(unauthenticated, "401");

        Response missing = given().get("/api/v1/webhooks/" + UUID.randomUUID());
        missing.then().statusCode(404).contentType("application/problem+json");
        assertPrivate(missing, "404 problem");

        Response swagger = given().auth().none().get("/q/swagger-ui/");
        swagger.then().statusCode(200).contentType(containsString("text/html")).body(containsString("swagger-ui"));
        assertPrivate(swagger, "open /q/swagger-ui/");
    }
}
