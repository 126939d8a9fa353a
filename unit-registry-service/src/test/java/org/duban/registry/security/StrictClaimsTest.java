package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTest;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Correctly signed tokens whose claims do not follow the rules of their role: each is a 401
 * {@code invalid_token} problem, never a 500 and never a caller with more units than one token
 * shape allows. The payloads are sent exactly as written (no claim added by a builder).
 */
@QuarkusTest
class StrictClaimsTest {

    /** A payload with the time claims filled in: valid for an hour, issued a second ago. */
    private static String claims(String rest) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"duban\",\"iat\":" + (now - 1) + ",\"exp\":" + (now + 3600) + "," + rest + "}";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // groups of another type: an object, a number, an array holding a number
            "\"sub\":\"viewer:x\",\"groups\":{\"role\":\"viewer\"}",
            "\"sub\":\"viewer:x\",\"groups\":7",
            "\"sub\":\"viewer:x\",\"groups\":[7]",
            "\"sub\":\"viewer:x\",\"groups\":[]",
            "\"sub\":\"viewer:x\"",
            // a unit-operator names exactly one unit, in `unit`, and nothing in `units`
            "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"unit\":\"sfj\",\"units\":[\"jtj\",\"czj\"]",
            "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"unit\":[\"sfj\",\"jtj\"]",
            "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"unit\":\"\"",
            "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"unit\":7",
            "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"]",
            "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"units\":[\"sfj\"]",
            // an integration names its units in `units`, an array of strings, and nothing in `unit`
            "\"sub\":\"integration:oa\",\"groups\":[\"integration\"],\"units\":\"sfj\"",
            "\"sub\":\"integration:oa\",\"groups\":[\"integration\"],\"units\":[]",
            "\"sub\":\"integration:oa\",\"groups\":[\"integration\"],\"units\":[\"sfj\",7]",
            "\"sub\":\"integration:oa\",\"groups\":[\"integration\"],\"units\":[\"sfj\"],\"unit\":\"jtj\"",
            "\"sub\":\"integration:oa\",\"groups\":[\"integration\"]",
            // two roles whose unit claims contradict each other
            "\"sub\":\"x\",\"groups\":[\"unit-operator\",\"integration\"],\"unit\":\"sfj\",\"units\":[\"sfj\"]",
            // supervisor and viewer carry no unit claims (they would be ignored: refuse instead of guessing)
            "\"sub\":\"viewer:x\",\"groups\":[\"viewer\"],\"units\":[\"sfj\"]",
            // who acts must be named
            "\"groups\":[\"viewer\"]",
            "\"sub\":\"\",\"groups\":[\"viewer\"]",
            "\"sub\":\"   \",\"groups\":[\"viewer\"]",
            "\"sub\":7,\"groups\":[\"viewer\"]",
    })
    void aTokenWhoseClaimsBreakItsRolesRulesIs401InvalidToken(String rest) {
        given().auth().oauth2(TestKeys.signed(claims(rest))).when().get("/api/v1/units")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                .body("type", equalTo("urn:duban:problem:unauthenticated"));
    }

    @org.junit.jupiter.api.Test
    void aTokenWithoutIssuedAtOrLivingLongerThanTheMaximumIs401() {
        long now = Instant.now().getEpochSecond();
        String noIat = "{\"iss\":\"duban\",\"exp\":" + (now + 3600) + ",\"sub\":\"viewer:x\",\"groups\":[\"viewer\"]}";
        // 25 h: one more than the default maximum lifetime of 24 h
        String tooLong = "{\"iss\":\"duban\",\"iat\":" + (now - 1) + ",\"exp\":" + (now + 25 * 3600)
                + ",\"sub\":\"viewer:x\",\"groups\":[\"viewer\"]}";
        for (String token : new String[]{TestKeys.signed(noIat), TestKeys.signed(tooLong)}) {
            given().auth().oauth2(token).when().get("/api/v1/units")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                    .body("type", equalTo("urn:duban:problem:unauthenticated"));
        }
    }

    @org.junit.jupiter.api.Test
    void wellFormedTokensOfEachShapeAreAccepted() {
        for (String rest : new String[]{
                "\"sub\":\"viewer:x\",\"groups\":[\"viewer\"]",
                // a single role as a string (SmallRye JWT reads it as a one-element list)
                "\"sub\":\"viewer:x\",\"groups\":\"viewer\"",
                "\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"unit\":\"sfj\"",
                "\"sub\":\"integration:oa\",\"groups\":[\"integration\"],\"units\":[\"sfj\",\"jtj\"]",
        }) {
            given().auth().oauth2(TestKeys.signed(claims(rest))).when().get("/api/v1/units").then().statusCode(200);
        }
        // 24 h exactly is allowed
        long now = Instant.now().getEpochSecond();
        given().auth().oauth2(TestKeys.signed("{\"iss\":\"duban\",\"iat\":" + now + ",\"exp\":" + (now + 24 * 3600)
                        + ",\"sub\":\"viewer:x\",\"groups\":[\"viewer\"]}"))
                .when().get("/api/v1/units").then().statusCode(200);
    }
}
