package org.duban.testsupport.security;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Before every {@code @QuarkusTest} method: REST Assured sends a supervisor's bearer token unless
 * the test says otherwise ({@code given().auth().oauth2(TestKeys.token("unit-operator", "sfj"))},
 * or {@code given().auth().none()} for no token). Tests are about behaviour; the authorization
 * tests choose their callers explicitly. Registered through
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public class DefaultTestToken implements QuarkusTestBeforeEachCallback {

    private static String supervisor;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = RestAssured.oauth2(supervisorToken());
    }

    static synchronized String supervisorToken() {
        if (supervisor == null) {
            supervisor = TestKeys.token("supervisor");
        }
        return supervisor;
    }
}
