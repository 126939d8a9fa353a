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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Updates, deactivation, filters and the registry's refusals (409, 412, 422, 428). */
@QuarkusTest
class UnitLifecycleTest {

    @org.junit.jupiter.api.BeforeEach
    void zhuhai() {
        org.duban.registry.ZhuhaiData.ensureImported(); // its tag vocabulary
    }

    private static String code() {
        return "l-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void create(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/units").then().statusCode(201);
    }

    private static String unit(String code, String name, String parent, String tags) {
        return """
                {"code":"%s","name":"%s","shortName":"%s简","aliases":["%s别"],"type":"DIRECT_AGENCY","parent":%s,"tags":%s,
                 "contacts":[{"name":"联络员甲","phone":"0756-1","email":"a@b.example","primary":true},{"name":"联络员乙"}]}"""
                .formatted(code, name, name, name, parent == null ? "null" : "\"" + parent + "\"", tags);
    }

    @Test
    void anUpdateNeedsTheCurrentVersionAndPublishesTheNewSnapshot() {
        String c = code();
        create(unit(c, "单位" + c, null, "[]"));
        String etag = given().get("/api/v1/units/" + c).then().statusCode(200).extract().header("ETag");
        assertEquals("\"0\"", etag);
        String update = """
                {"name":"单位%s（新）","shortName":"新%s","type":"市政府组成部门","aliases":[],"tags":[]}""".formatted(c, c);
        given().contentType(ContentType.JSON).body(update).put("/api/v1/units/" + c)
                .then().statusCode(428).body("type", equalTo("urn:duban:problem:precondition-required"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update).put("/api/v1/units/" + c)
                .then().statusCode(200).body("version", equalTo(1)).body("type", equalTo("MUNICIPAL_DEPARTMENT"))
                .body("name", equalTo("单位" + c + "（新）"));
        // a second writer still holding version 0 is refused, and nothing changes
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update.replace("（新）", "（旧）"))
                .put("/api/v1/units/" + c)
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:precondition-failed"));
        given().get("/api/v1/units/" + c).then().body("name", equalTo("单位" + c + "（新）"));

        String bootstrap = TestInfra.get().bootstrapServers();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> mine = KafkaProbe.readAll(bootstrap, "duban.units").stream()
                    .filter(r -> c.equals(r.key())).toList();
            assertEquals(2, mine.size());
            JsonNode last = new ObjectMapper().readTree(mine.get(1).value());
            assertEquals(1, last.get("version").asInt());
            assertEquals("单位" + c + "（新）", last.get("name").asText());
        });
    }

    @Test
    void deactivationRetiresTheUnitLinksItsSuccessorAndPublishesBoth() {
        String old = code();
        String next = code();
        create(unit(old, "旧单位" + old, null, "[]"));
        create(unit(next, "新单位" + next, null, "[]"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"validTo\":\"2020-12-31\",\"successors\":[\"" + next + "\"]}")
                .post("/api/v1/units/" + old + "/deactivation")
                .then().statusCode(200).body("active", equalTo(false)).body("validTo", equalTo("2020-12-31"))
                .body("successors", equalTo(List.of(next)));
        given().get("/api/v1/units/" + next).then().body("predecessors", equalTo(List.of(old)));
        // still readable: a retired unit is never deleted
        given().get("/api/v1/units/" + old).then().statusCode(200);
        given().queryParam("active", false).queryParam("q", old).get("/api/v1/units")
                .then().body("items.code", equalTo(List.of(old)));
        given().queryParam("active", true).queryParam("q", old).get("/api/v1/units")
                .then().body("items", hasSize(0));
        String bootstrap = TestInfra.get().bootstrapServers();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> mine = KafkaProbe.readAll(bootstrap, "duban.units").stream()
                    .filter(r -> old.equals(r.key())).toList();
            JsonNode last = new ObjectMapper().readTree(mine.get(mine.size() - 1).value());
            assertEquals(false, last.get("active").asBoolean());
        });
    }

    @Test
    void listFiltersByTypeTagParentAndTextInNameOrAlias() {
        String parent = code();
        String child = code();
        create(unit(parent, "上级" + parent, null, "[]"));
        create(unit(child, "下级" + child, parent, "[\"openness-office\"]"));
        given().queryParam("parent", parent).get("/api/v1/units").then().body("items.code", equalTo(List.of(child)));
        given().queryParam("tag", "openness-office").queryParam("limit", 500).get("/api/v1/units")
                .then().body("items.code", hasItem(child)).body("items.code", not(hasItem(parent)));
        given().queryParam("q", "下级" + child + "别").get("/api/v1/units").then().body("items.code", equalTo(List.of(child)));
        given().queryParam("type", "DIRECT_AGENCY").queryParam("q", child).get("/api/v1/units")
                .then().body("items.code", equalTo(List.of(child)));
        given().queryParam("type", "DISTRICT").queryParam("q", child).get("/api/v1/units").then().body("items", hasSize(0));
        given().queryParam("type", "直属机构").queryParam("q", child).get("/api/v1/units")
                .then().body("items.code", equalTo(List.of(child)));
        given().queryParam("type", "BUREAU").get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("ZONE_COMMITTEE"));
        given().get("/api/v1/units/" + child).then().body("contacts", hasSize(2)).body("contacts[0].primary", equalTo(true));
    }

    @Test
    void aTakenAliasIsAConflictNamingTheClash() {
        String a = code();
        String b = code();
        create(unit(a, "甲" + a, null, "[]"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + b + "\",\"name\":\"乙" + b + "\",\"aliases\":[\"甲" + a + "别\"],\"type\":\"DISTRICT\"}")
                .post("/api/v1/units")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:conflict"))
                .body("detail", containsString("unit " + a));
        given().get("/api/v1/units/" + b).then().statusCode(404);
    }

    @Test
    void unknownTypeOrTagIsA422ListingTheAllowedValues() {
        given().contentType(ContentType.JSON).body("{\"code\":\"" + code() + "\",\"name\":\"某局\",\"type\":\"BUREAU\"}")
                .post("/api/v1/units")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unprocessable"))
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("MUNICIPAL_DEPARTMENT"))
                .body("errors[0].message", containsString("ZONE_COMMITTEE"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code() + "\",\"name\":\"某局2\",\"type\":\"DISTRICT\",\"tags\":[\"no-such-tag\"]}")
                .post("/api/v1/units")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("tags"))
                .body("errors[0].message", containsString("openness-office"));
    }

    @Test
    void aParentCycleIsA422AndNothingChanges() {
        String a = code();
        String b = code();
        create(unit(a, "环甲" + a, null, "[]"));
        create(unit(b, "环乙" + b, a, "[]"));
        String update = """
                {"name":"环甲%s","type":"DIRECT_AGENCY","parent":"%s"}""".formatted(a, b);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update).put("/api/v1/units/" + a)
                .then().statusCode(422).body("errors[0].field", equalTo("parent"))
                .body("errors[0].message", containsString("cycle"));
        given().get("/api/v1/units/" + a).then().body("parent", equalTo(null)).body("version", equalTo(0));
    }
}
