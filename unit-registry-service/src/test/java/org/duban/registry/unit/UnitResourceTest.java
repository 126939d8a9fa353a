package org.duban.registry.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class UnitResourceTest {

    private static String newCode() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String unitJson(String code, String name) {
        return """
                {"code":"%s","name":"%s","shortName":"市测试局%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, name, code);
    }

    @Test
    void createdUnitIsReadableAndItsSnapshotIsPublishedOnDubanUnits() {
        String code = newCode();
        given().contentType(ContentType.JSON).body(unitJson(code, "珠海市司法局" + code))
                .when().post("/api/v1/units")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/units/" + code))
                .body("code", equalTo(code))
                .body("name", equalTo("珠海市司法局" + code))
                .body("active", equalTo(true));

        given().when().get("/api/v1/units/" + code)
                .then().statusCode(200).body("shortName", equalTo("市测试局" + code));

        String bootstrap = TestInfra.get().bootstrapServers();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> mine = KafkaProbe.readAll(bootstrap, "duban.units").stream()
                    .filter(r -> code.equals(r.key())).toList();
            assertEquals(1, mine.size(), "one snapshot for the new unit");
            ConsumerRecord<String, String> r = mine.get(0);
            assertEquals("unit.snapshot", KafkaProbe.header(r, "ce_type"));
            assertEquals(code, KafkaProbe.header(r, "ce_subject"));
            org.junit.jupiter.api.Assertions.assertNotNull(KafkaProbe.header(r, "ce_id"));
            JsonNode snapshot = new ObjectMapper().readTree(r.value());
            assertEquals("珠海市司法局" + code, snapshot.get("name").asText());
            assertEquals("MUNICIPAL_DEPARTMENT", snapshot.get("type").asText());
        });
    }

    @Test
    void aTakenCodeIsAConflictProblem() {
        String code = newCode();
        given().contentType(ContentType.JSON).body(unitJson(code, "甲" + code)).post("/api/v1/units").then().statusCode(201);
        given().contentType(ContentType.JSON).body(unitJson(code, "乙" + code))
                .when().post("/api/v1/units")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:conflict"))
                .body("detail", containsString(code));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        given().contentType(ContentType.JSON).body("{\"code\":\"Bad Code!\",\"name\":\"\"}")
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/units"))
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("type"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"code\": \"x\", ")
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:malformed-request"));
        given().contentType(ContentType.JSON).body("{\"code\":[1],\"name\":\"n\",\"type\":\"DISTRICT\"}")
                .when().post("/api/v1/units")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void frameworkErrorsAreProblemsToo() {
        given().when().get("/api/v1/units/no-such-unit")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:not-found"));
        given().when().delete("/api/v1/units")
                .then().statusCode(405).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("x").when().post("/api/v1/units")
                .then().statusCode(415).contentType("application/problem+json");
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
        given().accept("text/csv").when().get("/api/v1/units/x")
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:not-acceptable"));
        String huge = "{\"code\":\"" + "x".repeat(1_100_000) + "\"}";
        given().contentType(ContentType.JSON).body(huge).when().post("/api/v1/units")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:payload-too-large"));
    }

    @Test
    void listingPagesByCursor() {
        for (int i = 0; i < 3; i++) {
            String code = "page-" + i + "-" + UUID.randomUUID().toString().substring(0, 4);
            given().contentType(ContentType.JSON).body(unitJson(code, "单位" + code)).post("/api/v1/units").then().statusCode(201);
        }
        String cursor = given().queryParam("limit", 2).get("/api/v1/units")
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/units")
                .then().statusCode(200).body("items[0].code", org.hamcrest.Matchers.greaterThan(cursor));
        given().queryParam("limit", 0).get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
