package org.duban.task.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TaskResourceTest {

    @Inject
    EntityManager em;

    String suffix;
    String lead;
    String co;

    @BeforeEach
    void units() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        lead = "sfj-" + suffix;
        co = "zsj-" + suffix;
        RegistryUnits.seed(lead, "珠海市司法局" + suffix);
        RegistryUnits.seed(co, "珠海市政务服务数据管理局" + suffix);
    }

    private static String taskJson(String... codes) {
        String list = java.util.Arrays.stream(codes).map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        return """
                {"title":"编制并发布2020年政务公开工作年度报告","deadline":"2020-12-31","unitCodes":[%s]}""".formatted(list);
    }

    @Test
    void createsOneAssignmentPerUnitAndOneTaskAssignedEventEach() throws Exception {
        String id = given().contentType(ContentType.JSON).body(taskJson(lead, co))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("title", equalTo("编制并发布2020年政务公开工作年度报告"))
                .body("deadline", equalTo("2020-12-31"))
                .body("assignments", hasSize(2))
                .body("assignments[0].unitCode", equalTo(lead))
                .body("assignments[0].role", equalTo("LEAD"))
                .body("assignments[1].role", equalTo("RESPONSIBLE"))
                .body("assignments[1].state", equalTo("ASSIGNED"))
                .extract().path("id");

        given().get("/api/v1/tasks/" + id).then().statusCode(200).body("assignments", hasSize(2));

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> events = KafkaProbe.readAll(TestInfra.get().bootstrapServers(),
                    "duban.task-events").stream().filter(r -> id.equals(r.key())).toList();
            assertEquals(2, events.size());
            Set<String> units = new java.util.HashSet<>();
            for (ConsumerRecord<String, String> r : events) {
                assertEquals("task.assigned", KafkaProbe.header(r, "ce_type"));
                assertEquals("/duban/task-service", KafkaProbe.header(r, "ce_source"));
                JsonNode data = json.readTree(r.value()).get("task"); // the shared task part (issue 18)
                assertEquals(id, data.get("taskId").asText());
                assertEquals(KafkaProbe.header(r, "ce_subject"), data.get("assignmentId").asText());
                assertEquals("2020-12-31", data.get("deadline").asText());
                assertEquals(lead, data.get("leadUnitCode").asText());
                assertEquals("珠海市司法局" + suffix, data.get("leadUnitName").asText());
                assertEquals(data.get("unitCode").asText().equals(lead) ? "珠海市司法局" + suffix
                        : "珠海市政务服务数据管理局" + suffix, data.get("unitName").asText());
                assertTrue(data.get("planId").isNull() && data.get("documentNumber").isNull(), "outside a plan");
                units.add(data.get("unitCode").asText());
            }
            assertEquals(Set.of(lead, co), units);
        });
    }

    @Test
    void anUnknownUnitIsA422ThatNamesItAndNothingIsStoredOrEmitted() {
        long tasksBefore = count("SELECT count(*) FROM task");
        long eventsBefore = count("SELECT count(*) FROM outbox_event");

        given().contentType(ContentType.JSON).body(taskJson(lead, "no-such-unit"))
                .when().post("/api/v1/tasks")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unknown-unit"))
                .body("detail", containsString("no-such-unit"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("unitCodes[1]"))
                .body("errors[0].rejectedValue", equalTo("no-such-unit"));

        assertEquals(tasksBefore, count("SELECT count(*) FROM task"));
        assertEquals(eventsBefore, count("SELECT count(*) FROM outbox_event"));
    }

    @Test
    void aRetiredUnitCannotBeAssigned() {
        RegistryUnits.publish(co, "珠海市政务服务数据管理局", false, 1);
        RegistryUnits.awaitReplica(co, 1, false);
        given().contentType(ContentType.JSON).body(taskJson(lead, co))
                .when().post("/api/v1/tasks")
                .then().statusCode(422)
                .body("errors[0].message", equalTo("unit is no longer active"));
    }

    @Test
    void badInputIsA400ProblemNeverA5xx() {
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"deadline\": ")
                .when().post("/api/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:malformed-request"));
        given().contentType(ContentType.JSON).body("{\"title\":\"x\",\"deadline\":\"2020-13-45\",\"unitCodes\":[\"a\"]}")
                .when().post("/api/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("deadline"));
        given().contentType(ContentType.JSON).body("{\"title\":\" \",\"unitCodes\":[]}")
                .when().post("/api/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("deadline", "title", "unitCodes"));
        given().contentType(ContentType.JSON).body(taskJson(lead, lead))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("unitCodes[1]"))
                .body("errors[0].message", equalTo("listed twice"));
        given().contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json");
        // an id that is not a UUID cannot name a task: a 400 naming the parameter, not a 404
        given().get("/api/v1/tasks/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().get("/api/v1/tasks/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsTasksNewestFirstByCursor() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(taskJson(lead)).post("/api/v1/tasks").then().statusCode(201);
        }
        String cursor = given().queryParam("limit", 2).get("/api/v1/tasks")
                .then().statusCode(200).body("items", hasSize(2)).extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/tasks")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
