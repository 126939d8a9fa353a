package org.duban.task.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.task.StatementLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing the seed plan (28 tasks, ~450 assignments) writes set-based and all or nothing: a failure in
 * the publish transaction's one write, after the plan's update (at the reminder schedules, injected by a trigger) leaves no
 * assignment, event, history or reminder row and the plan a draft; published again it writes exactly one
 * task.assigned per assignment, one plan.published, one history row per change, in a number of
 * statements far below the number of rows (counted by {@link StatementLog} on the request's thread).
 */
@QuarkusTest
class SetBasedPublishTest {

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aFailedPublishLeavesNothingAndASuccessfulOneWritesEachRowOnceInFewStatements() throws Exception {
        JsonNode fixture = SeedPlanFixture.loadWithUnits();
        ObjectNode body = SeedPlanFixture.planBody(fixture);
        body.put("documentNumber", "珠府办〔2020〕9号-set-" + UUID.randomUUID().toString().substring(0, 6));
        JsonNode draft = json.readTree(given().contentType(ContentType.JSON).body(json.writeValueAsString(body))
                .post("/api/v1/plans").then().statusCode(201).extract().asString());
        String planId = draft.get("id").asText();
        List<UUID> taskIds = new ArrayList<>();
        draft.findValues("tasks").forEach(ts -> ts.forEach(t -> taskIds.add(UUID.fromString(t.get("id").asText()))));
        assertEquals(28, taskIds.size());
        String ids = taskIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));

        // the reminder schedules are written by the publish's one statement (hpost2), after the plan's flush
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    CREATE OR REPLACE FUNCTION duban_test_fail_publish() RETURNS trigger LANGUAGE plpgsql
                    AS 'BEGIN RAISE EXCEPTION ''injected failure''; END'""").executeUpdate();
            em.createNativeQuery("CREATE TRIGGER duban_test_fail_publish BEFORE INSERT ON reminder_schedule FOR EACH ROW "
                    + "WHEN (NEW.task_id = ANY (CAST('" + ids + "' AS uuid[]))) EXECUTE FUNCTION duban_test_fail_publish()")
                    .executeUpdate();
        });
        try {
            given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(500);
        } finally {
            QuarkusTransaction.requiringNew().run(() ->
                    em.createNativeQuery("DROP TRIGGER duban_test_fail_publish ON reminder_schedule").executeUpdate());
        }
        given().get("/api/v1/plans/" + planId).then().statusCode(200).body("state", equalTo("DRAFT"));
        Map<String, Long> left = rows(planId, ids);
        assertEquals(Map.of("assignment", 0L, "outbox_event", 0L, "task_history", 28L, "reminder_schedule", 0L, "reminder", 0L),
                left, "nothing of the failed publish is left (the 28 history rows are the drafts')");

        StatementLog.arm();
        JsonNode published = json.readTree(given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(200)
                .body("state", equalTo("PUBLISHED")).extract().asString());
        List<String> statements = StatementLog.disarm("with new_assignment as");

        Set<String> assignmentIds = new HashSet<>();
        published.findValues("assignments").forEach(as -> as.forEach(a -> assignmentIds.add(a.get("id").asText())));
        int n = assignmentIds.size();
        assertTrue(n > 400, "市直各单位 and 各区政府（管委会） expand to their units");
        System.out.println("SetBasedPublishTest: publish seed plan (28 tasks, " + n + " assignments): "
                + statements.size() + " statements");
        statements.forEach(s -> System.out.println("  " + s.strip().replaceAll("\\s+", " ")));

        assertWrittenOnce(planId, ids, taskIds.size(), assignmentIds);
        assertEquals(1, StatementLog.count(statements, "with new_assignment as"), "assignments, history and events in one statement");
        assertEquals(1, statements.stream().filter(st -> st.toLowerCase().contains("insert into outbox_event")).count(),
                "no other event insert: " + statements);
        assertEquals(1, statements.stream().filter(st -> st.toLowerCase().contains("insert into assignment")).count(),
                "no other assignment insert: " + statements);
        assertEquals(1, statements.stream().filter(st -> st.toLowerCase().contains("insert into task_history")).count(),
                "no other history insert: " + statements);
        assertEquals(1, statements.stream().filter(st -> st.toLowerCase().contains("insert into reminder")).count(),
                "the schedules and reminders of every deadline in the one write (hpost2): " + statements);
        assertTrue(statements.size() <= 7, statements.size() + " statements for " + n + " assignments: plan (locked), "
                + "tasks, units, plan update, assignments with history, events and reminders, sections, work items");
    }

    private Map<String, Long> rows(String planId, String ids) {
        return QuarkusTransaction.requiringNew().call(() -> Map.of(
                "assignment", count("SELECT count(*) FROM assignment WHERE task_id = ANY (CAST(?1 AS uuid[]))", ids),
                "outbox_event", count("SELECT count(*) FROM outbox_event WHERE record_key IN (SELECT unnest(CAST(?1 AS text[])))"
                        + " OR record_key = '" + planId + "'", ids),
                "task_history", count("SELECT count(*) FROM task_history WHERE task_id = ANY (CAST(?1 AS uuid[]))", ids),
                "reminder_schedule", count("SELECT count(*) FROM reminder_schedule WHERE task_id = ANY (CAST(?1 AS uuid[]))", ids),
                "reminder", count("SELECT count(*) FROM reminder WHERE task_id = ANY (CAST(?1 AS uuid[]))", ids)));
    }

    private long count(String sql, String ids) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, ids).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private void assertWrittenOnce(String planId, String ids, int tasks, Set<String> assignmentIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<String> subjects = em.createNativeQuery("SELECT subject FROM outbox_event WHERE type = 'task.assigned' "
                    + "AND record_key IN (SELECT unnest(CAST(?1 AS text[])))").setParameter(1, ids).getResultList();
            assertEquals(assignmentIds.size(), subjects.size(), "one task.assigned per assignment");
            assertEquals(assignmentIds, new HashSet<>(subjects));
            assertEquals(1L, ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE record_key = ?1 "
                    + "AND type = 'plan.published'").setParameter(1, planId).getSingleResult()).longValue());

            List<Object[]> history = em.createNativeQuery("SELECT action, CAST(assignment_id AS text) FROM task_history "
                    + "WHERE task_id = ANY (CAST(?1 AS uuid[])) AND action <> 'drafted'").setParameter(1, ids).getResultList();
            assertEquals(tasks, history.stream().filter(h -> "published".equals(h[0]) && h[1] == null).count(),
                    "one published row per task");
            List<String> assigned = history.stream().filter(h -> "assigned".equals(h[0])).map(h -> (String) h[1]).toList();
            assertEquals(assignmentIds.size(), assigned.size(), "one assigned row per assignment");
            assertEquals(assignmentIds, new HashSet<>(assigned));
            assertEquals(tasks + assignmentIds.size(), history.size(), "nothing else");

            assertEquals(assignmentIds.size(), count("SELECT count(*) FROM reminder_schedule WHERE task_id = ANY (CAST(?1 AS uuid[]))", ids));
        });
    }
}
