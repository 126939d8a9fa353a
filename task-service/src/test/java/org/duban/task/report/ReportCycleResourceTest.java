package org.duban.task.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.task.ReportCycle;
import org.duban.task.time.MutableClock;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reporting cycles over HTTP: bad cycles are problem+json with nothing written; a calendar edit re-plans the reports. */
@QuarkusTest
class ReportCycleResourceTest {

    @Inject
    MutableClock clock;

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private String plan(String number, String planCycle, String taskCycle, String unit) {
        return """
                {"documentNumber":"%s","title":"珠海市2025年政务公开工作要点分工方案","year":2025%s,
                 "sections":[{"title":"一、加强政策解读","workItems":[{"title":"（一）做好政策解读","tasks":[
                   {"text":"持续做好政策解读工作。","periodic":true,"leadUnitCode":"%s"%s}]}]}]}"""
                .formatted(number, planCycle == null ? "" : ",\"reportCycle\":" + planCycle, unit,
                        taskCycle == null ? "" : ",\"reportCycle\":" + taskCycle);
    }

    private long plans(String number) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM plan WHERE document_number = ?1").setParameter(1, number).getSingleResult()).longValue());
    }

    @Test
    void aCycleOutOfBoundsIsAProblemWithTheOffendingFieldAndNothingIsWritten() {
        String unit = "c1-" + UUID.randomUUID().toString().substring(0, 8);
        RegistryUnits.seed(unit, "珠海市司法局" + unit);
        String number = "珠府办〔2025〕" + UUID.randomUUID().toString().substring(0, 8) + "号";
        List<String> dates = new ArrayList<>();
        for (int i = 0; i <= ReportCycle.MAX_DATES; i++) {
            dates.add("\"" + LocalDate.of(2025, 1, 6).plusWeeks(i) + "\"");
        }
        String tooMany = "{\"frequency\":\"DATES\",\"dates\":[" + String.join(",", dates) + "]}";
        given().contentType(ContentType.JSON).body(plan(number, tooMany, null, unit)).post("/api/v1/plans").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reportCycle.dates"));
        // the edge itself is accepted
        String justEnough = "{\"frequency\":\"DATES\",\"dates\":[" + String.join(",", dates.subList(0, ReportCycle.MAX_DATES)) + "]}";
        String okNumber = number.replace("号", "A号");
        given().contentType(ContentType.JSON).body(plan(okNumber, justEnough, null, unit)).post("/api/v1/plans").then()
                .statusCode(201).body("reportCycle.dates.size()", equalTo(ReportCycle.MAX_DATES));

        given().contentType(ContentType.JSON)
                .body(plan(number, null, "{\"frequency\":\"MONTHLY\",\"due\":\"WORKING_DAY_AFTER\",\"n\":31}", unit))
                .post("/api/v1/plans").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sections[0].workItems[0].tasks[0].reportCycle.n"));
        given().contentType(ContentType.JSON)
                .body(plan(number, "{\"frequency\":\"MONTHLY\",\"from\":\"2025-01-01\",\"to\":\"2030-01-01\"}", null, unit))
                .post("/api/v1/plans").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reportCycle.to"));
        given().contentType(ContentType.JSON)
                .body(plan(number, "{\"frequency\":\"WEEKLY\"}", null, unit))
                .post("/api/v1/plans").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, plans(number), "nothing written");

        String taskTitle = "编制年度报告" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("""
                        {"title":"%s","deadline":"2099-12-31","unitCodes":["%s"],
                         "reportCycle":{"frequency":"QUARTERLY","remindDaysBefore":21}}""".formatted(taskTitle, unit))
                .post("/api/v1/tasks").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("reportCycle.remindDaysBefore"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM task WHERE title = ?1").setParameter(1, taskTitle).getSingleResult()).longValue()));
    }

    @Test
    void aTaskOwnCycleOverridesThePlansAndAStandaloneTaskTakesItsDeadlineYear() throws Exception {
        String unit = "c2-" + UUID.randomUUID().toString().substring(0, 8);
        RegistryUnits.seed(unit, "珠海市财政局" + unit);
        clock.set(LocalDateTime.of(2025, 1, 2, 10, 0));
        String number = "珠府办〔2025〕" + UUID.randomUUID().toString().substring(0, 8) + "号";
        String id = given().contentType(ContentType.JSON).body(plan(number, "{\"frequency\":\"QUARTERLY\"}",
                        "{\"frequency\":\"MONTHLY\",\"due\":\"DAY_AFTER\",\"n\":5}", unit))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        JsonNode t = json.readTree(given().post("/api/v1/plans/" + id + "/publish").then().statusCode(200).extract().asString())
                .get("sections").get(0).get("workItems").get(0).get("tasks").get(0);
        assertEquals("MONTHLY", t.get("reportCycle").get("frequency").asText());
        String assignment = t.get("assignments").get(0).get("id").asText();
        assertEquals("2025-02-05 2025-03-05 2025-04-07 2025-05-06", dues(assignment, 4)); // 04-05 Sat, 05-05 劳动节

        given().contentType(ContentType.JSON).body("""
                        {"title":"编制年度报告","deadline":"2026-12-31","unitCodes":["%s"],
                         "reportCycle":{"frequency":"HALF_YEARLY"}}""".formatted(unit))
                .post("/api/v1/tasks").then().statusCode(201)
                .body("reportCycle.from", equalTo("2026-01-01")).body("reportCycle.to", equalTo("2026-12-31"));
    }

    @Test
    void aCalendarEditMovesADueDateAndItsReminders() throws Exception {
        String unit = "c3-" + UUID.randomUUID().toString().substring(0, 8);
        RegistryUnits.seed(unit, "珠海市交通运输局" + unit);
        clock.set(LocalDateTime.of(2025, 11, 3, 10, 0));
        String number = "珠府办〔2025〕" + UUID.randomUUID().toString().substring(0, 8) + "号";
        String id = given().contentType(ContentType.JSON)
                .body(plan(number, "{\"frequency\":\"QUARTERLY\",\"remindDaysBefore\":2}", null, unit))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        String assignment = json.readTree(given().post("/api/v1/plans/" + id + "/publish").then().statusCode(200)
                        .extract().asString()).get("sections").get(0).get("workItems").get(0).get("tasks").get(0)
                .get("assignments").get(0).get("id").asText();
        // on 11-03 only Q4 is still owed: due Wednesday 12-31, reminded Monday 12-29, alerted Sunday 2026-01-04 (调休)
        assertEquals("2025-12-31", dues(assignment, 9));
        assertEquals("REPORT_DUE 2025-12-29 REPORT_OVERDUE 2026-01-04", pending(assignment));
        try {
            // the supervisor makes 12-31 a day off: the due date moves to the next working day, Sunday 2026-01-04
            given().contentType(ContentType.JSON).body("{\"kind\":\"HOLIDAY\",\"name\":\"测试调休\"}")
                    .put("/api/v1/calendar/days/2025-12-31").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            assertEquals("2026-01-04", dues(assignment, 9));
            assertEquals("REPORT_DUE 2025-12-29 REPORT_OVERDUE 2026-01-05", pending(assignment));
        } finally {
            given().delete("/api/v1/calendar/days/2025-12-31").then().statusCode(204);
        }
        assertEquals("2025-12-31", dues(assignment, 9));
        assertEquals("REPORT_DUE 2025-12-29 REPORT_OVERDUE 2026-01-04", pending(assignment));
    }

    /** The due dates of the assignment's periods, the first {@code n}. */
    @SuppressWarnings("unchecked")
    private String dues(String assignment, int n) {
        List<Object> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT CAST(due_on AS text) FROM report_due WHERE assignment_id = CAST(?1 AS uuid) ORDER BY seq LIMIT ?2")
                .setParameter(1, assignment).setParameter(2, n).getResultList());
        return rows.stream().map(Object::toString).collect(Collectors.joining(" "));
    }

    /** The pending report reminders of the assignment: kind and Asia/Shanghai day. */
    @SuppressWarnings("unchecked")
    private String pending(String assignment) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT kind, CAST(CAST((due_at AT TIME ZONE 'Asia/Shanghai') AS date) AS text) FROM reminder
                        WHERE assignment_id = CAST(?1 AS uuid) AND state = 'PENDING' ORDER BY due_at""")
                .setParameter(1, assignment).getResultList());
        return rows.stream().map(r -> r[0] + " " + r[1]).collect(Collectors.joining(" "));
    }
}
