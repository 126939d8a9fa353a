package org.duban.task;

import io.restassured.http.ContentType;
import org.duban.testsupport.security.TestKeys;

import static io.restassured.RestAssured.given;

/** A unit's actions on its assignments over HTTP, as the tests that stage shared work need them. */
public final class AssignmentActions {
    private AssignmentActions() {
    }

    /** A unit-operator's token for {@code unit}. */
    public static String operator(String unit) {
        return TestKeys.token("unit-operator", unit);
    }

    /** An action on an assignment as {@code token} (null: the supervisor), expecting {@code status}. */
    public static void act(String token, String assignment, String action, String body, int status) {
        var req = given().contentType(ContentType.JSON);
        if (token != null) {
            req = req.auth().oauth2(token);
        }
        if (body != null) {
            req = req.body(body);
        }
        req.post("/api/v1/assignments/" + assignment + "/" + action).then().statusCode(status);
    }
}
