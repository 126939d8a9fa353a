package org.duban.task.stats;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.ledger.ScriptedPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistics of {@link ScriptedPlan}, counted by hand from its table:
 * <pre>
 *                assigned accepted inProgress completed onTime overdue returned extensions
 * plan              12       9        6          3        2      2       1        1
 * section 一 (T1,T2) 8       6        4          2        1      1       1        1
 * section 二 (T3)    4       3        2          1        1      1       0        0
 * u1 (牵头)          3       3        1          2        2      1       0        0   → rate 2/3, on time 1   → rank 1
 * u2                 3       2        1          1        0      1       0        0   → rate 1/3, on time 0   → rank 2
 * u3                 3       2        2          0        0      0       1        1   → rate 0, on time null  → rank 3
 * u4                 3       2        2          0        0      0       0        0   → rate 0, on time null  → rank 3 (tie)
 * </pre>
 * accepted = ACCEPTED, IN_PROGRESS, SUBMITTED or COMPLETED; inProgress = ACCEPTED, IN_PROGRESS or SUBMITTED;
 * overdue = open (not SUBMITTED) past its deadline. Completions: T1:u1 today-14, T1:u2 today-7 (late), T3:u1 today
 * → three consecutive weeks with one completion each, the middle one late.
 */
@QuarkusTest
class StatsResourceTest {

    @Inject
    EntityManager em;

    ScriptedPlan plan;

    @BeforeEach
    void plan() throws Exception {
        plan = new ScriptedPlan(em);
    }

    private static void figures(JsonPath j, String path, long... expected) {
        List<String> keys = List.of("assigned", "accepted", "inProgress", "completed", "completedOnTime", "overdue",
                "returned", "extensionRequests");
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(expected[i], j.getLong(path + "." + keys.get(i)), path + "." + keys.get(i));
        }
    }

    @Test
    void statisticsMatchTheHandCountedExample() {
        JsonPath j = given().get("/api/v1/plans/" + plan.planId + "/statistics").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, j.getInt("taskCount"));
        assertEquals(4, j.getInt("unitCount"));
        figures(j, "figures", 12, 9, 6, 3, 2, 2, 1, 1);
        assertEquals(0.25, j.getDouble("figures.completionRate"));
        assertEquals(0.6667, j.getDouble("figures.onTimeRate"));

        assertEquals("一、加强用权公开", j.getString("sections[0].title"));
        figures(j, "sections[0].figures", 8, 6, 4, 2, 1, 1, 1, 1);
        figures(j, "sections[1].figures", 4, 3, 2, 1, 1, 1, 0, 0);

        assertEquals(List.of(plan.units[1], plan.units[2], plan.units[3], plan.units[4]), j.getList("units.unitCode"));
        assertEquals(List.of(1, 2, 3, 3), j.getList("units.rank"));
        figures(j, "units[0].figures", 3, 3, 1, 2, 2, 1, 0, 0);
        figures(j, "units[1].figures", 3, 2, 1, 1, 0, 1, 0, 0);
        figures(j, "units[2].figures", 3, 2, 2, 0, 0, 0, 1, 1);
        figures(j, "units[3].figures", 3, 2, 2, 0, 0, 0, 0, 0);
        assertEquals(0.6667, j.getDouble("units[0].figures.completionRate"));
        assertEquals(1.0, j.getDouble("units[0].figures.onTimeRate"));
        assertEquals(0.0, j.getDouble("units[1].figures.onTimeRate"));
        assertNull(j.get("units[2].figures.onTimeRate"));
        assertTrue(j.getString("units[0].unitName").startsWith("珠海市政务服务数据管理局"));

        LocalDate thisWeek = plan.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Map<String, Object>> weekly = j.getList("weekly");
        assertEquals(List.of(thisWeek.minusWeeks(2).toString(), thisWeek.minusWeeks(1).toString(), thisWeek.toString()),
                weekly.stream().map(w -> w.get("weekStart")).toList());
        assertEquals(List.of(1, 1, 1), weekly.stream().map(w -> w.get("completed")).toList());
        assertEquals(List.of(1, 0, 1), weekly.stream().map(w -> w.get("completedOnTime")).toList());
    }

    @Test
    void annualSummaryGivesTheFiguresAndAChineseTextAsJsonAndMarkdown() {
        JsonPath j = given().get("/api/v1/plans/" + plan.planId + "/annual-summary").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(12, j.getInt("figures.assigned"));
        String text = j.getString("text");
        assertTrue(text.startsWith(plan.today.getYear() + "年，我市按照《珠海市2026年政务公开工作要点分工方案》（"
                + plan.documentNumber + "）要求，将3项工作任务分解落实到4个单位，共形成12项分工任务。"), text);
        assertTrue(text.contains("已办结3项，办结率25.0%，其中按期办结2项，按期办结率66.7%；正在办理6项，逾期未办结2项；"
                + "责任单位退回1项；申请延期1次。"), text);
        assertTrue(text.contains("“加强用权公开”方面办结2项（共8项）；“提升政务公开平台效能”方面办结1项（共4项）。"), text);
        assertEquals(List.of(plan.units[1], plan.units[2]), j.getList("leadingUnits.unitCode"),
                "units that completed something, best first");

        given().queryParam("format", "markdown").get("/api/v1/plans/" + plan.planId + "/annual-summary").then()
                .statusCode(200).contentType(containsString("text/markdown"))
                .body(containsString("# 珠海市2026年政务公开工作要点分工方案执行情况"))
                .body(containsString("| 按期办结率 | 66.7% |"))
                .body(containsString("| 一、加强用权公开 | 8 | 2 | 1 | 1 | 25.0% |"));
        given().queryParam("format", "docx").get("/api/v1/plans/" + plan.planId + "/annual-summary").then()
                .statusCode(400).body("errors[0].field", equalTo("format"));
        given().get("/api/v1/plans/" + UUID.randomUUID() + "/statistics").then().statusCode(404);
    }
}
