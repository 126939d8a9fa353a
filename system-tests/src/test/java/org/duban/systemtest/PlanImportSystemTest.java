package org.duban.systemtest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed plan imported through task-service, its unit phrases resolved by the real registry. */
class PlanImportSystemTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void theSeedPlanImportsWithEveryUnitPhraseResolvedAndConfirmsToADraftPlan() throws Exception {
        api.ensureZhuhai();
        String seed = Files.readString(suite.root.resolve("seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8);

        // units named in a task's text are found in task-service's replica of duban.units, which
        // follows the registry within moments of the city import: preview until it has caught up
        JsonPath[] previewed = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            previewed[0] = given().contentType("text/plain; charset=UTF-8").body(seed)
                    .post(suite.url(Service.TASK) + "/plan-imports")
                    .then().statusCode(201).extract().jsonPath();
            return previewed[0].getList("sections[0].workItems[2].tasks[0].unitsNamedInText") != null;
        });
        JsonPath preview = previewed[0];
        assertEquals("珠府办〔2020〕9号", preview.getString("plan.documentNumber"));
        assertEquals("2020-08-04", preview.getString("plan.issueDate"));
        assertEquals(List.of("粤府办〔2020〕14号"), preview.getList("plan.basisDocuments"));
        assertEquals(6, preview.getInt("counts.sections"));
        assertEquals(22, preview.getInt("counts.workItems"));
        assertEquals(28, preview.getInt("counts.tasks"));
        assertEquals(0, preview.getInt("counts.unresolvedPhrases"));
        assertEquals(0, preview.getInt("counts.tasksWithoutUnits"));
        assertEquals(List.of(), preview.getList("problems"));

        // 一（一）1: 市政务服务数据管理局，市直有关单位,各区政府（管委会） — no deadline phrase: the plan's default
        String t = "sections[0].workItems[0].tasks[0].";
        assertEquals("zsj", preview.getString(t + "leadUnitCode"));
        List<String> responsible = preview.getList(t + "responsibleUnitCodes");
        assertTrue(responsible.containsAll(List.of("xzq", "jwq", "dmq", "hqxq", "gxq", "wsq", "glg")), responsible.toString());
        assertFalse(responsible.contains("zsj"));
        assertEquals(List.of("市直有关单位"), preview.getList(t + "openGroups"));
        assertEquals("PLAN_DEFAULT", preview.getString(t + "deadline.kind"));
        assertEquals("2020-12-31", preview.getString(t + "deadline.date"));

        // 一（三）: "市司法局要在2020年底前…" under 市政府办公室，市直各单位,各区政府（管委会）: the first named unit
        // leads; the unit the text itself names is pointed out; the deadline phrase is found in the text
        t = "sections[0].workItems[2].tasks[0].";
        assertEquals("szfb", preview.getString(t + "leadUnitCode"));
        assertTrue(preview.getList(t + "responsibleUnitCodes").contains("sfj"));
        assertTrue(preview.getList(t + "unitsNamedInText.unitCode").contains("sfj"));
        assertEquals("DATE", preview.getString(t + "deadline.kind"));
        assertEquals("2020-12-31", preview.getString(t + "deadline.date"));

        // 五（三）2: 2020年底前，全市政府网站全部支持互联网协议第6版。 — 市政务服务数据管理局 alone
        t = "sections[4].workItems[2].tasks[1].";
        assertEquals("zsj", preview.getString(t + "leadUnitCode"));
        assertEquals(List.of(), preview.getList(t + "responsibleUnitCodes"));
        assertEquals("2020-12-31", preview.getString(t + "deadline.date"));

        // 六（一）2: 市政府办公室，各区政府（管委会）政府信息公开工作主管部门 — a role within each district
        t = "sections[5].workItems[0].tasks[1].";
        assertEquals("szfb", preview.getString(t + "leadUnitCode"));
        assertTrue(preview.getList(t + "responsibleUnitCodes").contains("xzq"));

        // confirming needs task-service's replica of the units: it follows duban.units within moments
        String id = preview.getString("id");
        Response[] confirmed = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            confirmed[0] = given().post(suite.url(Service.TASK) + "/plan-imports/" + id + "/confirm");
            return confirmed[0].statusCode() != 422;
        });
        confirmed[0].then().statusCode(201).body("tasks", equalTo(28));
        String planId = confirmed[0].path("planId");
        given().get(suite.url(Service.TASK) + "/plans/" + planId).then().statusCode(200)
                .body("state", equalTo("DRAFT")).body("taskCount", equalTo(28)).body("sections.size()", equalTo(6));

        // the same document again is recognised and not duplicated
        given().contentType("text/plain; charset=UTF-8").body(seed).post(suite.url(Service.TASK) + "/plan-imports")
                .then().statusCode(201).body("duplicateOfPlanId", equalTo(planId));
    }
}
