package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.duban.infra.security.DubanKeys;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tokens verified with the keys an identity provider publishes at its JWKS URL
 * ({@code DUBAN_JWT_PUBLIC_KEY=https://…/jwks.json}), and the audience the services require
 * when one is configured ({@code DUBAN_JWT_AUDIENCE}).
 */
@QuarkusTest
@TestProfile(IdentityProviderProfile.class)
class JwksUrlTest {

    private static String token(DubanKeys key, String audience) {
        long now = Instant.now().getEpochSecond();
        return TestKeys.signed(key, "{\"iss\":\"duban\",\"sub\":\"viewer:idp\",\"groups\":[\"viewer\"],\"iat\":" + (now - 1)
                + ",\"exp\":" + (now + 600) + (audience == null ? "" : ",\"aud\":\"" + audience + "\"") + "}");
    }

    @Test
    void aKeyTheProviderPublishesLaterIsUsedWithoutARestartAndAnUnpublishedKeyIsRefused() throws InterruptedException {
        DubanKeys a = IdentityProvider.key("a");
        DubanKeys b = IdentityProvider.key("b");
        given().auth().oauth2(token(a, IdentityProvider.AUDIENCE)).get("/api/v1/units").then().statusCode(200);

        // a rotation at the provider: B is published beside A; the first token with B's kid makes the
        // service fetch the key set again
        IdentityProvider.awaitQuietSinceLastFetch(java.time.Duration.ofMillis(500));
        IdentityProvider.publish(List.of(a, b));
        given().auth().oauth2(token(b, IdentityProvider.AUDIENCE)).get("/api/v1/units").then().statusCode(200);
        given().auth().oauth2(token(a, IdentityProvider.AUDIENCE)).get("/api/v1/units").then().statusCode(200);

        given().auth().oauth2(token(IdentityProvider.key("c"), IdentityProvider.AUDIENCE)).get("/api/v1/units")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                .body("type", equalTo("urn:duban:problem:unauthenticated"));
        // the services' own test key set is not trusted here: only the provider's keys count
        given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/units").then().statusCode(401);
    }

    @Test
    void aTokenForAnotherAudienceOrWithoutOneIsRefusedWhenAnAudienceIsConfigured() {
        DubanKeys a = IdentityProvider.key("a");
        for (String token : List.of(token(a, "another-app"), token(a, null))) {
            given().auth().oauth2(token).get("/api/v1/units")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                    .body("type", equalTo("urn:duban:problem:unauthenticated"));
        }
        given().auth().oauth2(token(a, IdentityProvider.AUDIENCE)).get("/api/v1/units").then().statusCode(200);
    }
}
