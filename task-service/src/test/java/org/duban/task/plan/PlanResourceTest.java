package org.duban.task.plan;

import org.duban.testsupport.security.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class PlanResourceTest {

    String lead;
    String co;
    String claimer;
    String suffix;

    @BeforeEach
    void units() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        lead = "zsj-" + suffix;
        co = "xzq-" + suffix;
        claimer = "jtysj-" + suffix;
        RegistryUnits.seed(lead, "珠海市政务服务数据管理局" + suffix);
        RegistryUnits.seed(co, "珠海市香洲区人民政府" + suffix);
        RegistryUnits.seed(claimer, "珠海市交通运输局" + suffix);
    }

    private String plan(String leadCode) {
        return """
                {"documentNumber":"珠府办〔2020〕%s号","title":"珠海市2020年政务公开工作要点分工方案","issuer":"珠海市人民政府办公室",
                 "issueDate":"2020-08-04","year":2020,"reminderDays":[10,3],
                 "sections":[{"title":"一、围绕贯彻落实党的十九届四中全会精神加强用权公开","workItems":[
                   {"title":"（一）以权责清单为依托，加强权力配置信息公开","tasks":[
                     {"text":"更新完善权责清单并按要求公开。","leadUnitCode":"%s","responsibleUnitCodes":["%s"],
                      "openGroups":["市直有关单位"],"tags":["六稳"]},
                     {"text":"持续推进政务公开标准化规范化。","deadlinePhrase":"持续推进","responsibleUnitCodes":["%s"]},
                     {"text":"2020年底前，全市政府网站全部支持互联网协议第6版。","deadline":"2020-12-31","deadlinePhrase":"2020年底前","leadUnitCode":"%s"},
                     {"text":"6月底前完成目录编制。","deadlinePhrase":"6月底前","leadUnitCode":"%s"}]}]}]}"""
                .formatted(suffix, leadCode, co, co, leadCode, leadCode);
    }

    @Test
    void draftTasksCarryTheirDeadlineSourceAndNothingIsAssignedUntilPublished() {
        String id = given().contentType(ContentType.JSON).body(plan(lead)).post("/api/v1/plans").then().statusCode(201)
                .body("state", equalTo("DRAFT"))
                .body("defaultDeadline", equalTo("2020-12-31"))
                .body("reminderDays", equalTo(java.util.List.of(10, 3)))
                .body("sections[0].workItems[0].tasks[0].deadline", equalTo("2020-12-31"))
                .body("sections[0].workItems[0].tasks[0].deadlineSource", equalTo("PLAN_DEFAULT"))
                .body("sections[0].workItems[0].tasks[1].deadlineSource", equalTo("NONE_PERIODIC"))
                .body("sections[0].workItems[0].tasks[1].deadline", equalTo(null))
                .body("sections[0].workItems[0].tasks[2].deadlineSource", equalTo("EXPLICIT"))
                .body("sections[0].workItems[0].tasks[3].deadlineSource", equalTo("PHRASE"))
                .body("sections[0].workItems[0].tasks[3].deadline", equalTo("2020-06-30"))
                .body("sections[0].workItems[0].tasks[3].deadlinePhrase", equalTo("6月底前"))
                .body("sections[0].workItems[0].tasks[0].assignments", hasSize(0))
                .extract().path("id");
        String taskId = given().get("/api/v1/plans/" + id).then().extract().path("sections[0].workItems[0].tasks[0].id");
        // a draft's task cannot be claimed
        given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + claimer + "\"}")
                .post("/api/v1/tasks/" + taskId + "/claims").then().statusCode(409)
                .body("currentState", equalTo("DRAFT"));

        given().header("If-Match", "7").post("/api/v1/plans/" + id + "/publish").then().statusCode(412)
                .body("type", equalTo("urn:duban:problem:precondition-failed"));
        given().post("/api/v1/plans/" + id + "/publish").then().statusCode(200)
                .body("state", equalTo("PUBLISHED"))
                .body("sections[0].workItems[0].tasks[0].assignments", hasSize(2))
                .body("sections[0].workItems[0].tasks[0].assignments[0].role", equalTo("LEAD"))
                .body("sections[0].workItems[0].tasks[0].assignments[0].unitCode", equalTo(lead))
                .body("sections[0].workItems[0].tasks[1].assignments[0].role", equalTo("RESPONSIBLE"))
                .body("sections[0].workItems[0].tasks[1].assignments[0].deadline", equalTo(null));
        given().post("/api/v1/plans/" + id + "/publish").then().statusCode(409)
                .body("type", equalTo("urn:duban:problem:illegal-transition"))
                .body("currentState", equalTo("PUBLISHED"))
                .body("allowedActions", hasSize(0));

        // 认领 and designation on the open group
        given().auth().oauth2(TestKeys.token("unit-operator", claimer)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + claimer + "\",\"group\":\"市直有关单位\"}")
                .post("/api/v1/tasks/" + taskId + "/claims").then().statusCode(201)
                .body("origin", equalTo("CLAIMED")).body("state", equalTo("ACCEPTED"));
        given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + claimer + "\"}")
                .post("/api/v1/tasks/" + taskId + "/claims").then().statusCode(409);
        given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + claimer + "\",\"group\":\"有关单位\"}")
                .post("/api/v1/tasks/" + taskId + "/claims").then().statusCode(400).body("errors[0].field", equalTo("group"));
        String other = "sjj-" + suffix;
        RegistryUnits.seed(other, "珠海市审计局" + suffix);
        given().contentType(ContentType.JSON)
                .body("{\"unitCodes\":[\"" + other + "\"],\"group\":\"市直有关单位\",\"reason\":\"根据职责指定\"}")
                .post("/api/v1/tasks/" + taskId + "/designations").then().statusCode(201)
                .body("assignments", hasSize(4))
                .body("assignments.origin", hasItem("DESIGNATED"));
        // designating a unit that already owes the task is refused, and so is a draft's task (above, for claims)
        given().contentType(ContentType.JSON).body("{\"unitCodes\":[\"" + other + "\"]}")
                .post("/api/v1/tasks/" + taskId + "/designations").then().statusCode(409)
                .body("errors[0].field", equalTo("unitCodes[0]"));
        given().get("/api/v1/tasks/" + taskId + "/history").then()
                .body("items.action", hasItem("claim")).body("items.action", hasItem("designate"))
                .body("items.action", hasItem("published"));
        // a task without an open group takes no claims
        String fixed = given().get("/api/v1/plans/" + id).then().extract().path("sections[0].workItems[0].tasks[2].id");
        given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + claimer + "\"}")
                .post("/api/v1/tasks/" + fixed + "/claims").then().statusCode(422);
    }

    @Test
    void unknownUnitsAreA422NamingEachPathAndADuplicateNumberIsA409() {
        given().contentType(ContentType.JSON).body(plan("no-such-" + suffix)).post("/api/v1/plans").then().statusCode(422)
                .body("type", equalTo("urn:duban:problem:unknown-unit"))
                .body("errors[0].field", equalTo("sections[0].workItems[0].tasks[0].leadUnitCode"))
                .body("errors", hasSize(3));
        given().contentType(ContentType.JSON).body(plan(lead)).post("/api/v1/plans").then().statusCode(201);
        given().contentType(ContentType.JSON).body(plan(lead)).post("/api/v1/plans").then().statusCode(409)
                .body("errors[0].field", equalTo("documentNumber"));
        given().contentType(ContentType.JSON).body("{\"documentNumber\":\"x\",\"title\":\"t\",\"year\":2020,\"sections\":[]}")
                .post("/api/v1/plans").then().statusCode(400).body("errors[0].field", equalTo("sections"));
    }
}
