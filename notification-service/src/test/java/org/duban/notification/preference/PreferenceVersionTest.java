package org.duban.notification.preference;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A unit's preference set is versioned by its ETag: a stale If-Match is a 412, never a silent overwrite. */
@QuarkusTest
class PreferenceVersionTest {

    private static final String URL = "/api/v1/units/{code}/notification-preferences";
    private static final String DIGEST = "{\"items\":[{\"eventType\":\"task.urged\",\"channel\":\"email\",\"mode\":\"DIGEST\"}]}";
    private static final String OFF = "{\"items\":[{\"eventType\":\"*\",\"channel\":\"webhook\",\"mode\":\"OFF\"}]}";

    @Test
    void aStaleIfMatchIsRefusedAndTheNewerSetStays() {
        String unit = "pv-" + UUID.randomUUID().toString().substring(0, 8);
        String empty = given().get(URL, unit).then().statusCode(200).body("items", hasSize(0)).extract().header("ETag");

        // two editors read the same (empty) set; the first replaces it
        String afterFirst = given().header("If-Match", empty).contentType(ContentType.JSON).body(DIGEST)
                .put(URL, unit).then().statusCode(200).header("ETag", not(equalTo(empty)))
                .body("items[0].mode", equalTo("DIGEST")).extract().header("ETag");
        assertNotEquals(empty, afterFirst);

        // the second still holds the old version: refused, the first editor's set is kept
        given().header("If-Match", empty).contentType(ContentType.JSON).body(OFF).put(URL, unit)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:precondition-failed"));
        given().get(URL, unit).then().statusCode(200).header("ETag", equalTo(afterFirst))
                .body("items", hasSize(1)).body("items[0].mode", equalTo("DIGEST"));

        // with the current version it goes through; a weak ETag form is read alike
        given().header("If-Match", "W/" + afterFirst).contentType(ContentType.JSON).body(OFF).put(URL, unit)
                .then().statusCode(200).body("items[0].mode", equalTo("OFF"));
    }

    @Test
    void withoutIfMatchTheSetIsReplacedAsSent() {
        String unit = "pv-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(DIGEST).put(URL, unit).then().statusCode(200);
        given().contentType(ContentType.JSON).body(OFF).put(URL, unit).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].channel", equalTo("webhook"));
    }
}
