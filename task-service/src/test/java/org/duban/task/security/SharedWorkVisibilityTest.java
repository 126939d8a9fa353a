package org.duban.task.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.testsupport.security.TestKeys;
import org.duban.replica.UnitGroupReplica;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.task.AssignmentActions.act;
import static org.duban.task.AssignmentActions.operator;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12: what a unit sees of the other units' parts of a task it shares, or of a published plan it reads,
 * and who may claim a task addressed to an open group. A unit sees every part's unit, state, deadline and
 * light, and all of its own part; never another unit's progress, extension request, notes, reasons or actors.
 */
@QuarkusTest
class SharedWorkVisibilityTest {

    @Inject
    EntityManager em;

    String suffix;
    /** The lead unit (牵头) of the plan's task. */
    String lead;
    /** A co-unit (责任) of the same task. */
    String co;
    /** A municipal unit with no part in the plan. */
    String outsider;
    /** A district: not one of 市直有关单位. */
    String district;
    LocalDate deadline;
    String plan;
    String task;

    static final List<String> LEAD_TEXTS = List.of("牵头单位内部进展", "lead-evidence-link", "牵头单位下一步");
    static final List<String> CO_TEXTS = List.of("协办单位签收备注", "协办单位内部进展", "协办单位延期理由", "请协办单位加快");



    private String publishedPlan(String openGroup, String responsible) {
        String id = given().contentType(ContentType.JSON).body("""
                        {"documentNumber":"珠府办〔2020〕可见-%s号","title":"珠海市2020年政务公开工作要点分工方案","year":2020,
                         "sections":[{"title":"一、加强用权公开","workItems":[{"title":"（一）加强权力配置信息公开","tasks":[
                           {"text":"更新完善权责清单并按要求公开。","deadline":"%s","leadUnitCode":"%s",
                            "responsibleUnitCodes":[%s],"openGroups":["%s"]}]}]}]}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), deadline, lead,
                                responsible == null ? "" : "\"" + responsible + "\"", openGroup))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        given().post("/api/v1/plans/" + id + "/publish").then().statusCode(200);
        return id;
    }

    @BeforeEach
    void sharedTask() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        lead = "zsj-" + suffix;
        co = "sjj-" + suffix;
        outsider = "jtj-" + suffix;
        district = "dmq-" + suffix;
        deadline = LocalDate.now().plusMonths(3);
        RegistryUnits.seed(lead, "珠海市政务服务数据管理局" + suffix);
        RegistryUnits.seed(co, "珠海市审计局" + suffix);
        RegistryUnits.seed(outsider, "珠海市交通运输局" + suffix);
        RegistryUnits.seed(district, "珠海市斗门区人民政府" + suffix, "DISTRICT");
        plan = publishedPlan("市直有关单位", co);
        var tree = given().get("/api/v1/plans/" + plan).then().statusCode(200).extract();
        task = tree.path("sections[0].workItems[0].tasks[0].id");
        String leadPart = tree.path("sections[0].workItems[0].tasks[0].assignments[0].id");
        String coPart = tree.path("sections[0].workItems[0].tasks[0].assignments[1].id");
        act(operator(lead), leadPart, "accept", null, 200);
        act(operator(lead), leadPart, "progress-reports", "{\"summary\":\"牵头单位内部进展\",\"percent\":40,"
                + "\"evidenceLinks\":[\"https://oa.example.gov.cn/lead-evidence-link\"],\"nextSteps\":\"牵头单位下一步\"}", 201);
        act(operator(co), coPart, "accept", "{\"note\":\"协办单位签收备注\"}", 200);
        act(operator(co), coPart, "progress-reports", "{\"summary\":\"协办单位内部进展\",\"percent\":20}", 201);
        act(operator(co), coPart, "extension-requests",
                "{\"reason\":\"协办单位延期理由\",\"newDeadline\":\"" + deadline.plusMonths(1) + "\"}", 201);
        act(null, coPart, "urge", "{\"message\":\"请协办单位加快\"}", 200);
    }

    private static ValidatableResponse withoutAny(ValidatableResponse r, List<String> texts) {
        for (String t : texts) {
            r = r.body(not(containsString(t)));
        }
        return r;
    }

    private static ValidatableResponse forbidden(ValidatableResponse r) {
        return r.statusCode(403).contentType("application/problem+json").body("type", equalTo("urn:duban:problem:forbidden"));
    }

    @Test
    void aUnitWithoutAnAssignmentReadsAPublishedPlansStatesAndDeadlinesButNoUnitsProgressOrReasons() {
        String parts = "sections[0].workItems[0].tasks[0].assignments";
        ValidatableResponse r = given().auth().oauth2(operator(outsider)).get("/api/v1/plans/" + plan).then().statusCode(200)
                .body(parts + ".unitCode", equalTo(List.of(lead, co)))
                .body(parts + ".state", equalTo(List.of("IN_PROGRESS", "IN_PROGRESS")))
                .body(parts + ".deadline", everyItem(equalTo(deadline.toString())))
                .body(parts + ".light", everyItem(notNullValue()))
                .body(parts + ".latestProgress", everyItem(nullValue()))
                .body(parts + ".pendingExtension", everyItem(nullValue()))
                .body(parts + ".progressPercent", everyItem(nullValue()))
                .body(parts + ".redacted", everyItem(equalTo(true)));
        withoutAny(r, LEAD_TEXTS);
        withoutAny(r, CO_TEXTS);
        // an integration for that unit alike
        withoutAny(given().auth().oauth2(TestKeys.token("integration", outsider)).get("/api/v1/plans/" + plan).then()
                .statusCode(200), CO_TEXTS);

        // the lead unit still sees all of its own part, and no more of the co-unit's
        r = given().auth().oauth2(operator(lead)).get("/api/v1/plans/" + plan).then().statusCode(200)
                .body(parts + "[0].latestProgress.summary", equalTo("牵头单位内部进展"))
                .body(parts + "[0].latestProgress.nextSteps", equalTo("牵头单位下一步"))
                .body(parts + "[0].progressPercent", equalTo(40))
                .body(parts + "[0].redacted", equalTo(false))
                .body(parts + "[1].state", equalTo("IN_PROGRESS"))
                .body(parts + "[1].latestProgress", nullValue())
                .body(parts + "[1].pendingExtension", nullValue())
                .body(parts + "[1].redacted", equalTo(true));
        withoutAny(r, CO_TEXTS);

        // the supervising office sees everything
        given().get("/api/v1/plans/" + plan).then().statusCode(200)
                .body(parts + "[0].latestProgress.summary", equalTo("牵头单位内部进展"))
                .body(parts + "[1].latestProgress.summary", equalTo("协办单位内部进展"))
                .body(parts + "[1].pendingExtension.reason", equalTo("协办单位延期理由"))
                .body(parts + ".redacted", everyItem(equalTo(false)));
    }

    @Test
    void aCoUnitReadsTheTaskAndItsHistoryWithoutTheOtherUnitsTextsReasonsOrActor() {
        ValidatableResponse r = given().auth().oauth2(operator(co)).get("/api/v1/tasks/" + task).then().statusCode(200)
                .body("assignments[0].unitCode", equalTo(lead))
                .body("assignments[0].state", equalTo("IN_PROGRESS"))
                .body("assignments[0].latestProgress", nullValue())
                .body("assignments[1].latestProgress.summary", equalTo("协办单位内部进展"))
                .body("assignments[1].pendingExtension.reason", equalTo("协办单位延期理由"));
        withoutAny(r, LEAD_TEXTS);

        // the history shows what the lead did and when, not its texts or who acted
        r = given().auth().oauth2(operator(co)).get("/api/v1/tasks/" + task + "/history").then().statusCode(200)
                .body("items.findAll { it.unitCode == '" + lead + "' }.action", hasItem("report-progress"))
                .body("items.findAll { it.unitCode == '" + lead + "' }.actor", everyItem(nullValue()))
                .body("items.findAll { it.unitCode == '" + lead + "' }.redacted", everyItem(equalTo(true)))
                .body("items.findAll { it.unitCode == '" + lead + "' }.details", everyItem(not(hasKey("summary"))))
                .body("items.findAll { it.unitCode == '" + co + "' && it.action == 'accept' }[0].reason", equalTo("协办单位签收备注"))
                .body("items.findAll { it.unitCode == '" + co + "' && it.action == 'accept' }[0].actor", equalTo("unit:" + co));
        withoutAny(r, LEAD_TEXTS).body(not(containsString("unit:" + lead)));

        // and the lead sees the co-unit's part the same way
        withoutAny(given().auth().oauth2(operator(lead)).get("/api/v1/tasks/" + task + "/history").then().statusCode(200)
                .body("items.findAll { it.unitCode == '" + co + "' }.action", allOf(hasItem("request-extension"), hasItem("urge")))
                .body("items.findAll { it.unitCode == '" + lead + "' && it.action == 'report-progress' }[0].details.summary",
                        equalTo("牵头单位内部进展")), CO_TEXTS)
                .body(not(containsString("unit:" + co)));
        withoutAny(given().auth().oauth2(TestKeys.token("integration", lead)).get("/api/v1/tasks?plan=" + plan).then()
                .statusCode(200).body("items[0].assignments[1].redacted", equalTo(true)), CO_TEXTS);

        // the supervisor and the viewer see every text and actor
        for (String token : List.of(TestKeys.token("supervisor"), TestKeys.token("viewer"))) {
            given().auth().oauth2(token).get("/api/v1/tasks/" + task + "/history").then().statusCode(200)
                    .body(containsString("牵头单位内部进展")).body(containsString("协办单位延期理由"))
                    .body(containsString("请协办单位加快")).body(containsString("unit:" + co))
                    .body("items.redacted", everyItem(equalTo(false)));
        }
    }

    private long historyRows(String taskId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM task_history WHERE task_id = ?1").setParameter(1, UUID.fromString(taskId))
                .getSingleResult()).longValue());
    }

    @Test
    void aUnitOutsideAnOpenGroupCannotClaimItsTaskAndNothingChanges() {
        long before = historyRows(task);
        // a district is not one of 市直有关单位: not by its operator, not by the supervisor, with or without the group named
        forbidden(given().auth().oauth2(operator(district)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + district + "\",\"group\":\"市直有关单位\"}")
                .post("/api/v1/tasks/" + task + "/claims").then())
                .body("detail", containsString("市直有关单位"));
        forbidden(given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + district + "\"}")
                .post("/api/v1/tasks/" + task + "/claims").then());
        given().get("/api/v1/tasks/" + task).then().body("assignments.unitCode", not(hasItem(district)));
        assertEquals(before, historyRows(task));

        // a municipal unit may claim; it then reads the task without the lead's or the co-unit's texts
        given().auth().oauth2(operator(outsider)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + outsider + "\",\"group\":\"市直有关单位\"}")
                .post("/api/v1/tasks/" + task + "/claims").then().statusCode(201).body("unitCode", equalTo(outsider));
        withoutAny(withoutAny(given().auth().oauth2(operator(outsider)).get("/api/v1/tasks/" + task + "/history").then()
                .statusCode(200), LEAD_TEXTS), CO_TEXTS);
    }

    @Test
    void aGroupTheRegistryListsTakesClaimsFromItsMembersOnly() {
        String group = "重点督办单位" + suffix;
        String code = "zddb-" + suffix;
        RegistryUnits.publishGroup(code, group, "LIST", List.of(district), 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> UnitGroupReplica.findById(code) != null));
        String other = publishedPlan(group, null);
        String otherTask = given().get("/api/v1/plans/" + other).then().extract().path("sections[0].workItems[0].tasks[0].id");
        forbidden(given().auth().oauth2(operator(outsider)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + outsider + "\"}").post("/api/v1/tasks/" + otherTask + "/claims").then());
        given().auth().oauth2(operator(district)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + district + "\",\"group\":\"" + group + "\"}")
                .post("/api/v1/tasks/" + otherTask + "/claims").then().statusCode(201);
    }
}
