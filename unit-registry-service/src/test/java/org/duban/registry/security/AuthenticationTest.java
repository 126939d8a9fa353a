package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.common.security.Caller;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bearer tokens on the registry: which tokens are accepted, and the problem+json of a refusal. */
@QuarkusTest
class AuthenticationTest {

    private static final String UNAUTHENTICATED = "urn:duban:problem:unauthenticated";

    @Test
    void aRequestWithoutATokenIs401ProblemWithABearerChallenge() {
        given().auth().none().when().get("/api/v1/units")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo(UNAUTHENTICATED))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/units"));
    }

    @Test
    void anExpiredTokenIs401AndTheDetailSaysItExpired() {
        given().auth().oauth2(TestKeys.expiredToken(Caller.VIEWER)).when().get("/api/v1/units")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                .body("type", equalTo(UNAUTHENTICATED))
                .body("detail", containsString("expired"));
    }

    @Test
    void tamperedWrongIssuerAndForeignKeyTokensAre401InvalidToken() {
        // tampered: a viewer token whose role was raised to supervisor after signing
        for (String token : List.of(TestKeys.tamperedToken(Caller.VIEWER), TestKeys.wrongIssuerToken(Caller.SUPERVISOR),
                TestKeys.tokenSignedByForeignKey(Caller.SUPERVISOR))) {
            given().auth().oauth2(token).when().get("/api/v1/units")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                    .body("type", equalTo(UNAUTHENTICATED))
                    .body("detail", containsString("not valid"));
        }
    }

    @Test
    void aTokenSignedByTheSecondKeyOfTheSetIsAcceptedDuringARotation() {
        given().auth().oauth2(TestKeys.tokenSignedByNextKey(Caller.VIEWER)).when().get("/api/v1/units")
                .then().statusCode(200);
        String code = "rot-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestKeys.tokenSignedByNextKey(Caller.SUPERVISOR)).contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"珠海市轮换局%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, code))
                .when().post("/api/v1/units").then().statusCode(201);
    }

    @Test
    void aViewerCreatingAUnitIs403ProblemAndNothingIsCreated() {
        String code = "vw-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestKeys.token(Caller.VIEWER)).contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"珠海市只读局%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, code))
                .when().post("/api/v1/units")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:forbidden"))
                .body("status", equalTo(403));
        given().when().get("/api/v1/units/" + code).then().statusCode(404);
    }
}
