package org.duban.task.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.reminder.ReminderEvents;
import org.duban.task.AssignmentActions;
import org.duban.task.reminder.Reminders;
import org.duban.task.time.MutableClock;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's done-when: a plan with a quarterly cycle (每季度末前, reminded 2 working days before) over 2025 on a
 * simulated clock, walked day by day from 2 January 2025 to 5 January 2026 — across 春节 (01-28..02-04, Sunday
 * 01-26 and Saturday 02-08 working), 国庆/中秋 (10-01..08, Sunday 09-28 and Saturday 10-11 working) and 元旦 2026
 * (01-01..03, Sunday 01-04 working). Three units: u1 reports every quarter on time, u2 once on time, twice late and
 * once not at all, u3 never. Every scheduler pass runs twice (the second must fire nothing); what fired is read from
 * the outbox. Then the ledger (JSON, CSV), the statistics and the lights (Java views and the SQL light filter).
 */
@QuarkusTest
class ReportCycleYearTest {

    private static final String REPORT_DUE = ReminderEvents.REPORT_DUE.name();
    private static final String REPORT_OVERDUE = ReminderEvents.REPORT_OVERDUE.name();

    @Inject
    MutableClock clock;

    @Inject
    Reminders reminders;

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void aQuarterlyCycleAcrossAYearRemindsAndAlertsOnTheRightWorkingDaysOnceAndShowsInLedgerAndStatistics()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String[] u = new String[4];
        String[] names = {null, "珠海市政务服务数据管理局", "珠海市司法局", "珠海市财政局"};
        for (int i = 1; i <= 3; i++) {
            u[i] = "r" + i + "-" + suffix;
            RegistryUnits.seed(u[i], names[i] + suffix);
        }
        clock.set(LocalDateTime.of(2025, 1, 2, 10, 0));
        String body = """
                {"documentNumber":"珠府办〔2025〕%s号","title":"珠海市2025年政务公开工作要点分工方案","year":2025,
                 "reportCycle":{"frequency":"QUARTERLY","due":"END","remindDaysBefore":2},
                 "sections":[{"title":"一、加强政策解读","workItems":[{"title":"（一）做好政策解读","tasks":[
                   {"text":"持续做好政策解读工作，每季度末前报送进展。","periodic":true,"leadUnitCode":"%s",
                    "responsibleUnitCodes":["%s","%s"]}]}]}]}""".formatted(suffix, u[1], u[2], u[3]);
        String planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plans").then().statusCode(201)
                .body("reportCycle.frequency", equalTo("QUARTERLY"))
                .body("reportCycle.from", equalTo("2025-01-01")).body("reportCycle.to", equalTo("2025-12-31"))
                .extract().path("id");
        JsonNode published = json.readTree(given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(200)
                .extract().asString());
        JsonNode task = published.get("sections").get(0).get("workItems").get(0).get("tasks").get(0);
        assertEquals("QUARTERLY", task.get("reportCycle").get("frequency").asText(), "the task inherits the plan's cycle");
        String taskId = task.get("id").asText();
        Map<String, String> assignmentOf = new LinkedHashMap<>(); // unit code -> assignment id
        for (JsonNode a : task.get("assignments")) {
            assignmentOf.put(a.get("unitCode").asText(), a.get("id").asText());
        }
        Map<String, String> unitOf = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            unitOf.put(assignmentOf.get(u[i]), "u" + i);
            AssignmentActions.act(AssignmentActions.operator(u[i]), assignmentOf.get(u[i]), "accept", null, 200);
        }

        // the reports each unit makes, at 10:00 of the day (after that day's 09:00 pass)
        Map<LocalDate, List<Integer>> reports = new LinkedHashMap<>();
        reports.put(d("2025-03-28"), List.of(1, 2)); // Q1 due 03-31: both on time
        reports.put(d("2025-06-27"), List.of(1));    // Q2 due 06-30: u1 on time
        reports.put(d("2025-09-15"), List.of(2));    // u2 makes up Q2, late
        reports.put(d("2025-09-29"), List.of(1));    // Q3 due 09-30: u1 on time
        reports.put(d("2025-10-10"), List.of(2));    // u2's Q3, late (after 国庆)
        reports.put(d("2025-12-30"), List.of(1));    // Q4 due 12-31: u1 on time; u2 and u3 never again

        List<String> fired = new ArrayList<>();
        for (LocalDate day = d("2025-01-02"); !day.isAfter(d("2026-01-05")); day = day.plusDays(1)) {
            clock.set(day.atTime(8, 59, 59));
            reminders.runPass();
            List<String> early = events(assignmentOf.values(), unitOf, day);
            assertEquals(List.of(), early, "fired before 09:00 on " + day);
            clock.set(day.atTime(LocalTime.of(9, 0)));
            reminders.runPass();
            reminders.runPass(); // a rerun of the same moment (another replica, a retried tick) fires nothing more
            fired.addAll(events(assignmentOf.values(), unitOf, day));
            for (int unit : reports.getOrDefault(day, List.of())) {
                clock.set(day.atTime(10, 0));
                AssignmentActions.act(AssignmentActions.operator(u[unit]), assignmentOf.get(u[unit]), "progress-reports",
                        "{\"summary\":\"本季度政策解读工作进展\",\"percent\":50}", 201);
            }
            if (day.equals(d("2025-07-02"))) {
                // u2 has not reported Q2 (due 06-30): red; u1 reported it and Q3 is far: green; u3: red
                lightsAre(taskId, assignmentOf, u, "GREEN", "RED", "RED");
            }
            if (day.equals(d("2025-09-26"))) {
                // u2 made up Q2 late; Q3 (due 09-30) is within the warning window for everyone unreported
                lightsAre(taskId, assignmentOf, u, "YELLOW", "YELLOW", "RED");
            }
        }

        assertEquals(List.of(
                "2025-03-27 u1 task.report-due 2025-Q1 due 2025-03-31 left 2",
                "2025-03-27 u2 task.report-due 2025-Q1 due 2025-03-31 left 2",
                "2025-03-27 u3 task.report-due 2025-Q1 due 2025-03-31 left 2",
                "2025-04-01 u3 task.report-overdue 2025-Q1 due 2025-03-31 overdue 1",
                "2025-06-26 u1 task.report-due 2025-Q2 due 2025-06-30 left 2",
                "2025-06-26 u2 task.report-due 2025-Q2 due 2025-06-30 left 2",
                "2025-06-26 u3 task.report-due 2025-Q2 due 2025-06-30 left 2",
                "2025-07-01 u2 task.report-overdue 2025-Q2 due 2025-06-30 overdue 1",
                "2025-07-01 u3 task.report-overdue 2025-Q2 due 2025-06-30 overdue 1",
                // Sunday 09-28 is 国庆节、中秋节调休上班: two working days before Tuesday 09-30
                "2025-09-28 u1 task.report-due 2025-Q3 due 2025-09-30 left 2",
                "2025-09-28 u2 task.report-due 2025-Q3 due 2025-09-30 left 2",
                "2025-09-28 u3 task.report-due 2025-Q3 due 2025-09-30 left 2",
                // the first working day after 09-30 is 10-09, after the National Day week
                "2025-10-09 u2 task.report-overdue 2025-Q3 due 2025-09-30 overdue 1",
                "2025-10-09 u3 task.report-overdue 2025-Q3 due 2025-09-30 overdue 1",
                "2025-12-29 u1 task.report-due 2025-Q4 due 2025-12-31 left 2",
                "2025-12-29 u2 task.report-due 2025-Q4 due 2025-12-31 left 2",
                "2025-12-29 u3 task.report-due 2025-Q4 due 2025-12-31 left 2",
                // 元旦 2026 is 01-01..03 and Sunday 01-04 a working day
                "2026-01-04 u2 task.report-overdue 2025-Q4 due 2025-12-31 overdue 1",
                "2026-01-04 u3 task.report-overdue 2025-Q4 due 2025-12-31 overdue 1"), sorted(fired));
        // nothing fired in the 春节 or National Day holidays (the list above is every event), and each event once
        assertEquals(fired.size(), new HashSet<>(fired).size(), "each reminder once: " + fired);

        // one more pass a day later, and the whole last week again: nothing new
        clock.set(LocalDateTime.of(2026, 1, 6, 9, 0));
        reminders.runPass();
        assertEquals(List.of(), events(assignmentOf.values(), unitOf, d("2026-01-06")));
        long reportEvents = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM outbox_event WHERE subject IN (?1, ?2, ?3) AND type IN (?4, ?5)""")
                .setParameter(1, assignmentOf.get(u[1])).setParameter(2, assignmentOf.get(u[2]))
                .setParameter(3, assignmentOf.get(u[3])).setParameter(4, REPORT_DUE)
                .setParameter(5, REPORT_OVERDUE).getSingleResult()).longValue());
        assertEquals(19, reportEvents, "in the outbox exactly once each");

        // the ledger: one column per period, 按时 / 逾期 / 未报
        clock.set(LocalDateTime.of(2026, 1, 5, 12, 0));
        JsonNode ledger = json.readTree(given().get("/api/v1/plans/" + planId + "/ledger").then().statusCode(200)
                .extract().asString());
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        for (JsonNode row : ledger.get("items")) {
            List<String> s = new ArrayList<>();
            row.get("reports").forEach(c -> s.add(c.get("period").asText() + " " + c.get("status").asText()));
            statuses.put(unitOf.get(row.get("assignmentId").asText()), s);
        }
        assertEquals(List.of("2025-Q1 ON_TIME", "2025-Q2 ON_TIME", "2025-Q3 ON_TIME", "2025-Q4 ON_TIME"), statuses.get("u1"));
        assertEquals(List.of("2025-Q1 ON_TIME", "2025-Q2 LATE", "2025-Q3 LATE", "2025-Q4 MISSING"), statuses.get("u2"));
        assertEquals(List.of("2025-Q1 MISSING", "2025-Q2 MISSING", "2025-Q3 MISSING", "2025-Q4 MISSING"), statuses.get("u3"));

        String csv = new String(given().get("/api/v1/plans/" + planId + "/ledger?format=csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].endsWith(",2025年第1季度报送,2025年第2季度报送,2025年第3季度报送,2025年第4季度报送"), lines[0]);
        assertTrue(lines[1].endsWith(",按时,按时,按时,按时"), lines[1]);
        assertTrue(lines[2].endsWith(",按时,逾期,逾期,未报"), lines[2]);
        assertTrue(lines[3].endsWith(",未报,未报,未报,未报"), lines[3]);

        // the statistics: the report on-time rate per unit
        given().get("/api/v1/plans/" + planId + "/statistics").then().statusCode(200)
                .body("reports.due", equalTo(12)).body("reports.onTime", equalTo(5))
                .body("reports.late", equalTo(2)).body("reports.missing", equalTo(5))
                .body("reports.onTimeRate", equalTo(0.4167f))
                .body("unitReports.unitCode", org.hamcrest.Matchers.contains(u[1], u[2], u[3]))
                .body("unitReports.figures.onTimeRate", org.hamcrest.Matchers.contains(1.0f, 0.25f, 0.0f))
                .body("unitReports.figures.late", org.hamcrest.Matchers.contains(0, 2, 0));

        // the lights now: Q4 missing for u2 and u3
        lightsAre(taskId, assignmentOf, u, "GREEN", "RED", "RED");
        // the unit's work list shows it
        given().auth().oauth2(AssignmentActions.operator(u[3])).get("/api/v1/units/" + u[3] + "/work").then()
                .statusCode(200).body("items.find { it.taskId == '" + taskId + "' }.light", equalTo("RED"));
        // and which reports: what each unit owes (MISSING, PENDING), or asks for by status
        String reportsOf = "/api/v1/units/{code}/reports";
        given().auth().oauth2(AssignmentActions.operator(u[3])).get(reportsOf, u[3]).then().statusCode(200)
                .body("items.period", org.hamcrest.Matchers.contains("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"))
                .body("items.status", everyItem(equalTo("MISSING")))
                .body("items.taskId", everyItem(equalTo(taskId))).body("nextCursor", nullValue());
        given().auth().oauth2(AssignmentActions.operator(u[2])).get(reportsOf, u[2]).then().statusCode(200)
                .body("items.period", org.hamcrest.Matchers.contains("2025-Q4"))
                .body("items[0].dueDate", equalTo("2025-12-31")).body("items[0].periodLabel", equalTo("2025年第4季度"));
        given().auth().oauth2(AssignmentActions.operator(u[2])).queryParam("status", "LATE").get(reportsOf, u[2]).then()
                .statusCode(200).body("items.period", org.hamcrest.Matchers.contains("2025-Q2", "2025-Q3"))
                .body("items.reportedOn", org.hamcrest.Matchers.contains("2025-09-15", "2025-10-10"));
        given().auth().oauth2(AssignmentActions.operator(u[1])).get(reportsOf, u[1]).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        given().queryParam("status", "ON_TIME").queryParam("status", "late").get(reportsOf, u[1]).then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.contains("ON_TIME", "ON_TIME", "ON_TIME", "ON_TIME"));
        // paged: three, then the last one after the cursor
        String cursor = given().queryParam("limit", 3).get(reportsOf, u[3]).then().statusCode(200)
                .body("items.period", org.hamcrest.Matchers.contains("2025-Q1", "2025-Q2", "2025-Q3"))
                .extract().path("nextCursor");
        given().queryParam("limit", 3).queryParam("cursor", cursor).get(reportsOf, u[3]).then().statusCode(200)
                .body("items.period", org.hamcrest.Matchers.contains("2025-Q4")).body("nextCursor", nullValue());
        // another unit's operator may not read them; bad input names the field
        given().auth().oauth2(AssignmentActions.operator(u[1])).get(reportsOf, u[3]).then().statusCode(403);
        given().queryParam("status", "OVERDUE").get(reportsOf, u[3]).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("cursor", "not-a-cursor").get(reportsOf, u[3]).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("limit", 200).get(reportsOf, u[3]).then().statusCode(200);
        given().queryParam("limit", 201).get(reportsOf, u[3]).then().statusCode(400);
        given().queryParam("limit", 0).get(reportsOf, u[3]).then().statusCode(400);
        given().queryParam("status", "LATE").queryParam("status", "LATE").queryParam("status", "LATE")
                .queryParam("status", "LATE").queryParam("status", "LATE").get(reportsOf, u[3]).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    /** The lights of u1..u3 in the task's view, and the same lights through the SQL filter of GET /assignments. */
    private void lightsAre(String taskId, Map<String, String> assignmentOf, String[] u, String... lights) {
        JsonNode t;
        try {
            t = json.readTree(given().get("/api/v1/tasks/" + taskId).then().statusCode(200).extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> byUnit = new LinkedHashMap<>();
        t.get("assignments").forEach(a -> byUnit.put(a.get("unitCode").asText(), a.get("light").asText()));
        for (int i = 1; i <= 3; i++) {
            assertEquals(lights[i - 1], byUnit.get(u[i]), "light of u" + i + " on " + clock.instant());
        }
        for (String light : Set.of("GREEN", "YELLOW", "RED")) {
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                if (lights[i - 1].equals(light)) {
                    expected.add(assignmentOf.get(u[i]));
                }
            }
            String planId = t.get("planId").asText();
            given().get("/api/v1/assignments?plan=" + planId + "&light=" + light).then().statusCode(200)
                    .body("items.id", containsInAnyOrder(expected.toArray()));
        }
    }

    private long lastSeq;

    /** The report events of the assignments written since the last call, as "day unit type period due …". */
    @SuppressWarnings("unchecked")
    private List<String> events(java.util.Collection<String> assignments, Map<String, String> unitOf, LocalDate day)
            throws Exception {
        List<String> ids = new ArrayList<>(assignments);
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT seq, type, CAST(payload AS text), subject FROM outbox_event
                        WHERE subject IN (?1, ?2, ?3) AND seq > ?4 ORDER BY seq""")
                .setParameter(1, ids.get(0)).setParameter(2, ids.get(1)).setParameter(3, ids.get(2))
                .setParameter(4, lastSeq).getResultList());
        List<String> out = new ArrayList<>();
        for (Object[] r : rows) {
            lastSeq = Math.max(lastSeq, ((Number) r[0]).longValue());
            String type = (String) r[1];
            if (!type.equals(REPORT_DUE) && !type.equals(REPORT_OVERDUE)) {
                continue;
            }
            JsonNode p = json.readTree((String) r[2]);
            JsonNode task = p.get("task");
            assertEquals(r[3], task.get("assignmentId").asText());
            assertTrue(task.get("title").asText().startsWith("持续做好政策解读工作"), p.toString());
            assertTrue(task.get("documentNumber").asText().startsWith("珠府办〔2025〕"), p.toString());
            assertTrue(task.get("unitName").asText().startsWith("珠海市"), p.toString());
            assertTrue(p.get("periodLabel").asText().matches("2025年第[1-4]季度"), p.toString());
            String days = type.equals(REPORT_DUE) ? "left " + p.get("workingDaysLeft").asInt()
                    : "overdue " + p.get("workingDaysOverdue").asInt();
            out.add(day + " " + unitOf.get((String) r[3]) + " " + type + " " + p.get("period").asText() + " due "
                    + p.get("dueDate").asText() + " " + days);
        }
        return out;
    }

    private static List<String> sorted(List<String> xs) {
        return xs.stream().sorted().toList();
    }
}
