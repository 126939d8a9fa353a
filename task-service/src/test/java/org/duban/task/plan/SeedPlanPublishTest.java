package org.duban.task.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.task.unit.RegistryUnits;
import org.duban.task.unit.UnitReplica;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed plan (珠府办〔2020〕9号: 6 sections, 22 work items, 28 tasks) built through the API from
 * src/test/resources/seed/zhuhai-2020-plan.json, whose unit codes come from the registry's Zhuhai demo
 * data: publishing it yields one assignment and one task.assigned event per resolved unit, and plan.published.
 */
@QuarkusTest
class SeedPlanPublishTest {

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void publishingTheSeedPlanAssignsEveryResolvedUnitOnceWithOneEventEach() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/seed/zhuhai-2020-plan.json")) {
            fixture = json.readTree(in);
        }
        for (JsonNode u : fixture.get("units")) {
            String code = u.get("code").asText();
            boolean known = QuarkusTransaction.requiringNew().call(() -> UnitReplica.findById(code) != null);
            if (!known) {
                RegistryUnits.seed(code, u.get("name").asText());
            }
        }
        ObjectNode plan = SeedPlanFixture.planBody(fixture);
        // document numbers are unique: a re-run in the same database gets its own
        plan.put("documentNumber", "珠府办〔2020〕9号-" + UUID.randomUUID().toString().substring(0, 6));

        List<String> expected = new ArrayList<>(); // "taskOrdinal:unit"
        int ordinal = 0;
        int openTasks = 0;
        for (JsonNode s : plan.get("sections")) {
            for (JsonNode w : s.get("workItems")) {
                for (JsonNode t : w.get("tasks")) {
                    ordinal++;
                    if (!t.get("leadUnitCode").isNull()) {
                        expected.add(ordinal + ":" + t.get("leadUnitCode").asText());
                    }
                    for (JsonNode c : t.get("responsibleUnitCodes")) {
                        expected.add(ordinal + ":" + c.asText());
                    }
                    if (!t.get("openGroups").isEmpty()) {
                        openTasks++;
                    }
                }
            }
        }
        assertEquals(28, ordinal);

        String planId = given().contentType(ContentType.JSON).body(json.writeValueAsString(plan))
                .post("/api/v1/plans").then().statusCode(201)
                .body("state", equalTo("DRAFT")).body("taskCount", equalTo(28))
                .body("sections.size()", equalTo(6))
                .body("sections[0].workItems[0].tasks[0].assignments.size()", equalTo(0))
                .extract().path("id");

        JsonNode published = json.readTree(given()
                .post("/api/v1/plans/" + planId + "/publish").then().statusCode(200)
                .body("state", equalTo("PUBLISHED")).extract().asString());

        List<String> actual = new ArrayList<>();
        Set<String> taskIds = new HashSet<>();
        Set<String> assignmentIds = new HashSet<>();
        for (JsonNode s : published.get("sections")) {
            for (JsonNode w : s.get("workItems")) {
                for (JsonNode t : w.get("tasks")) {
                    taskIds.add(t.get("id").asText());
                    for (JsonNode a : t.get("assignments")) {
                        actual.add(t.get("ordinal").asInt() + ":" + a.get("unitCode").asText());
                        assignmentIds.add(a.get("id").asText());
                        boolean lead = a.get("unitCode").asText().equals(t.get("leadUnitCode").asText(null));
                        assertEquals(lead ? "LEAD" : "RESPONSIBLE", a.get("role").asText());
                    }
                }
            }
        }
        assertEquals(new HashSet<>(expected), new HashSet<>(actual));
        assertEquals(expected.size(), actual.size(), "one assignment per resolved unit");
        assertTrue(expected.size() > 400, "市直各单位 and 各区政府（管委会） expand to their units");

        given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(409)
                .body("type", equalTo("urn:duban:problem:illegal-transition"))
                .body("currentState", equalTo("PUBLISHED"));

        int open = openTasks;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> all = KafkaProbe.readAll(TestInfra.get().bootstrapServers(), "duban.task-events");
            List<ConsumerRecord<String, String>> assigned = all.stream()
                    .filter(r -> taskIds.contains(r.key()) && "task.assigned".equals(KafkaProbe.header(r, "ce_type"))).toList();
            assertEquals(expected.size(), assigned.size());
            Set<String> subjects = new HashSet<>();
            assigned.forEach(r -> subjects.add(KafkaProbe.header(r, "ce_subject")));
            assertEquals(assignmentIds, subjects, "one task.assigned per assignment");
            List<ConsumerRecord<String, String>> planEvents = all.stream()
                    .filter(r -> planId.equals(r.key()) && "plan.published".equals(KafkaProbe.header(r, "ce_type"))).toList();
            assertEquals(1, planEvents.size());
            JsonNode p = json.readTree(planEvents.get(0).value());
            assertEquals(28, p.get("taskCount").asInt());
            assertEquals(expected.size(), p.get("assignmentCount").asInt());
            assertEquals(open, p.get("openTaskCount").asInt());
        });

        // open groups wait for claims: a task for 市直有关单位 lists its group and the units it names
        given().queryParam("plan", planId).queryParam("limit", 200).get("/api/v1/tasks").then().statusCode(200)
                .body("items.size()", equalTo(28));
    }
}
