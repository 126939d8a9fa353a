package org.duban.registry.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Location of a 201 never repeats the request's Host header (a forged Host would make the
 * service hand out links to another site): without {@code duban.public-base-url} it is the path.
 */
@QuarkusTest
class LocationHeaderTest {

    @Test
    void aCreatedUnitsLocationIsItsPathWhateverHostTheRequestNamed() {
        String code = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = given().header("Host", "evil.example").contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"珠海市定位局%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, code))
                .post("/api/v1/units");
        created.then().statusCode(201);
        assertEquals("/api/v1/units/" + code, created.getHeader("Location"));
    }

    @Test
    void aCreatedGroupsLocationIsItsPathToo() {
        String code = "locg-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = given().header("Host", "evil.example:8443").contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"定位组%s","kind":"OPEN"}""".formatted(code, code))
                .post("/api/v1/groups");
        created.then().statusCode(201);
        assertEquals("/api/v1/groups/" + code, created.getHeader("Location"));
    }
}
