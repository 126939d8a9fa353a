package org.duban.task.publicprogress;

import org.duban.testsupport.security.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.ledger.ScriptedPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Public progress of the scripted plan: what it shows, what it hides, caching and CORS. */
@QuarkusTest
class PublicProgressResourceTest {

    @Inject
    EntityManager em;

    ScriptedPlan plan;

    @BeforeEach
    void plan() throws Exception {
        plan = new ScriptedPlan(em);
    }

    private String url() {
        return "/api/v1/public/plans/" + plan.planId;
    }

    @Test
    void showsSectionsTasksStatesLightsAndUnitCountsButNoTextsOrReasons() {
        given().get(url()).then().statusCode(200)
                .body("documentNumber", equalTo(plan.documentNumber))
                .body("counts.assigned", equalTo(12)).body("counts.completed", equalTo(3))
                .body("counts.overdue", equalTo(2))
                .body("sections.title", contains("一、加强用权公开", "二、提升政务公开平台效能"))
                .body("sections[0].counts.assigned", equalTo(8))
                .body("sections[0].tasks.state", contains("IN_PROGRESS", "IN_PROGRESS"))
                .body("sections[0].tasks.light", contains("GREEN", "RED"))
                .body("sections[1].tasks[0].title", equalTo("全市政府网站全部支持互联网协议第6版。"))
                .body("sections[1].tasks[0].light", equalTo("RED"))
                // the unit that returned T1 is not listed
                .body("sections[0].tasks[0].units.state", contains("COMPLETED", "COMPLETED", "ASSIGNED"))
                .body("units[0].unit", containsString("珠海市政务服务数据管理局"))
                .body("units[0].counts.completed", equalTo(2))
                .body(not(containsString("已完成梳理")))
                .body(not(containsString("该事项不属于本单位职责")))
                .body(not(containsString("需待省平台上线")))
                .body(not(containsString(plan.units[1])));
    }

    @Test
    void isCacheableWithAnETagAnd304UntilSomethingChanges() {
        String etag = given().get(url()).then().statusCode(200)
                .header("Cache-Control", containsString("max-age=60"))
                .header("ETag", notNullValue()).extract().header("ETag");
        given().header("If-None-Match", etag).get(url()).then().statusCode(304).header("ETag", equalTo(etag));
        given().auth().oauth2(TestKeys.token("unit-operator", plan.units[2])).contentType(ContentType.JSON)
                .body("{\"summary\":\"推进中\",\"percent\":20}")
                .post("/api/v1/assignments/" + plan.assignments.get("T2:u2") + "/progress-reports").then().statusCode(201);
        String changed = given().header("If-None-Match", etag).get(url()).then().statusCode(200)
                .extract().header("ETag");
        assertNotEquals(etag, changed);
    }

    @Test
    void portalsOnOtherOriginsMayReadItAndOnlyIt() {
        given().header("Origin", "https://www.zhuhai.gov.cn").get(url()).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        given().header("Origin", "https://www.zhuhai.gov.cn").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match")
                .options(url()).then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Allow-Methods", containsString("GET"));
        given().header("Origin", "https://www.zhuhai.gov.cn").get("/api/v1/plans/" + plan.planId + "/statistics")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theWidgetIsServedAsAPlainScriptThatReadsThePublicApi() {
        given().get("/widget/duban-progress.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("customElements.define('duban-progress'"))
                .body(containsString("/api/v1/public/plans/"));
    }

    @Test
    void draftAndUnknownPlansAreNotFound() {
        String draft = given().contentType(ContentType.JSON).body("{\"documentNumber\":\"珠府办〔2026〕草稿" + UUID.randomUUID()
                        + "\",\"title\":\"草稿方案\",\"year\":2026,\"sections\":[{\"title\":\"一、草稿\",\"workItems\":[{\"title\":\"（一）草稿\","
                        + "\"tasks\":[{\"text\":\"草稿任务。\",\"leadUnitCode\":\"" + plan.units[1] + "\"}]}]}]}")
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        given().get("/api/v1/public/plans/" + draft).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/public/plans/" + UUID.randomUUID()).then().statusCode(404);
    }
}
