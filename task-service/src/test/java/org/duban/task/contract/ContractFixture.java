package org.duban.task.contract;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import org.duban.task.AssignmentActions;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.importing.PlanImportResourceTest;
import org.duban.task.unit.RegistryUnits;
import org.duban.task.unit.UnitReplica;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.task.AssignmentActions.operator;

/**
 * Objects for the contract tests (authorization matrix, bad-input sweep), made over HTTP by the
 * supervisor: two units of this run ("own" 司法局 and "other" 财政局, fresh codes each run), tasks,
 * assignments in the states the lifecycle endpoints need, a published plan with a task addressed to
 * an open group (市直有关单位), draft plans and plan-import previews, and work the own and the other unit
 * share with each unit's private texts planted in it ({@link #sharedWork()}).
 */
final class ContractFixture {

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String own = "sfj-" + suffix;
    final String other = "czj-" + suffix;
    final String third = "jtj-" + suffix;
    final LocalDate deadline = LocalDate.now().plusMonths(3);

    private ContractFixture() {
    }

    static ContractFixture create() {
        ContractFixture f = new ContractFixture();
        RegistryUnits.seed(f.own, "珠海市司法局" + f.suffix);
        RegistryUnits.seed(f.other, "珠海市财政局" + f.suffix);
        RegistryUnits.seed(f.third, "珠海市交通运输局" + f.suffix);
        // the units the test document names (FakeRegistryResource resolves its phrases to these codes)
        for (var u : Map.of("szfb", "珠海市人民政府办公室", "sfj", "珠海市司法局", "zsj", "珠海市政务服务数据管理局",
                "fgj", "珠海市发展和改革局", "scj", "珠海市市场监督管理局", "xzq", "珠海市香洲区人民政府",
                "hqxq", "横琴新区管理委员会").entrySet()) {
            if (!QuarkusTransaction.requiringNew().call(() -> UnitReplica.findById(u.getKey()) != null)) {
                RegistryUnits.seed(u.getKey(), u.getValue());
            }
        }
        return f;
    }

    /** A task owed by {@code units} (the first leads); returns {taskId, first assignment id}. */
    String[] task(String... units) {
        String codes = String.join("\",\"", units);
        var r = given().contentType(ContentType.JSON)
                .body("{\"title\":\"推进行政执法公示制度\",\"deadline\":\"" + deadline + "\",\"unitCodes\":[\"" + codes + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract();
        return new String[]{r.path("id"), r.path("assignments[0].id")};
    }

    /** A new ASSIGNED assignment of the own unit. */
    String assignment() {
        return task(own)[1];
    }

    void act(String assignment, String action, String body) {
        var req = given().contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        req.post("/api/v1/assignments/" + assignment + "/" + action).then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    /** An ACCEPTED assignment of the own unit with a pending extension request: {assignment id, request id}. */
    String[] pendingExtension() {
        String a = assignment();
        act(a, "accept", null);
        String rid = given().contentType(ContentType.JSON)
                .body("{\"reason\":\"需待省平台上线后方可完成\",\"newDeadline\":\"" + deadline.plusMonths(1) + "\"}")
                .post("/api/v1/assignments/" + a + "/extension-requests").then().statusCode(201).extract().path("id");
        return new String[]{a, rid};
    }

    /**
     * An IN_PROGRESS assignment of the own unit whose report carries one evidence file (佐证材料, issue 19):
     * {assignment id, report id, evidence id}.
     */
    String[] evidence() {
        String a = assignment();
        act(a, "accept", null);
        var r = given().contentType("multipart/form-data")
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder("已召开专题会议").controlName("summary")
                        .charset("UTF-8").mimeType("text/plain").build())
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder("50").controlName("percent").mimeType("text/plain").build())
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder(
                        "会议纪要：研究部署权责清单公开工作。".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .controlName("files").fileName("会议纪要.txt").mimeType("text/plain").build())
                .post("/api/v1/assignments/" + a + "/progress-reports").then().statusCode(201).extract();
        return new String[]{a, r.path("latestProgress.id"), r.path("latestProgress.evidence[0].id")};
    }

    /** A SUBMITTED assignment of the own unit. */
    String submitted() {
        String a = assignment();
        act(a, "accept", null);
        act(a, "submit", "{\"note\":\"已完成\"}");
        return a;
    }

    /** A CreatePlan body with a unique document number: one task led by the own unit, addressed also to 市直有关单位. */
    String planBody() {
        return """
                {"documentNumber":"珠府办〔2020〕契约-%s号","title":"珠海市2020年政务公开工作要点分工方案","issuer":"珠海市人民政府办公室",
                 "issueDate":"2020-08-04","year":2020,"basisDocument":"粤府办〔2020〕14号","defaultDeadline":"2020-12-31",
                 "reminderDays":[5,3,1],"overdueDaily":true,
                 "sections":[{"title":"一、加强用权公开","workItems":[{"title":"（一）加强权力配置信息公开","tasks":[
                   {"text":"更新完善权责清单并按要求公开。","deadlinePhrase":"2020年底前","periodic":false,"tags":["六稳"],
                    "leadUnitCode":"%s","responsibleUnitCodes":[],"openGroups":["市直有关单位"]}]}]}]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), own);
    }

    String draftPlan() {
        return given().contentType(ContentType.JSON).body(planBody()).post("/api/v1/plans").then().statusCode(201)
                .extract().path("id");
    }

    /** A published plan: {plan id, its task's id, the own unit's assignment of it}. */
    String[] publishedPlan() {
        String plan = draftPlan();
        var r = given().post("/api/v1/plans/" + plan + "/publish").then().statusCode(200).extract();
        return new String[]{plan, r.path("sections[0].workItems[0].tasks[0].id"),
                r.path("sections[0].workItems[0].tasks[0].assignments[0].id")};
    }

    /**
     * Work the own and the other unit share, with texts only each unit (and the supervisor and the viewer) may
     * read: a published plan whose task the own unit leads and the other unit owes too, and two shared tasks.
     * Each unit's operator acts for itself, so its token's subject is recorded as the actor.
     */
    record SharedWork(String plan, String planTask, String sentBackTask, String returnedTask,
                      List<String> ownSecrets, List<String> otherSecrets) {
    }

    SharedWork sharedWork() {
        String plan = given().contentType(ContentType.JSON).body("""
                        {"documentNumber":"珠府办〔2020〕共办-%s号","title":"珠海市2020年政务公开工作要点分工方案","year":2020,
                         "sections":[{"title":"一、加强用权公开","workItems":[{"title":"（一）加强权力配置信息公开","tasks":[
                           {"text":"更新完善权责清单并按要求公开。","deadline":"%s","leadUnitCode":"%s",
                            "responsibleUnitCodes":["%s"],"openGroups":["市直有关单位"]}]}]}]}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), deadline, own, other))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        var published = given().post("/api/v1/plans/" + plan + "/publish").then().statusCode(200).extract();
        String planTask = published.path("sections[0].workItems[0].tasks[0].id");
        String ownPart = published.path("sections[0].workItems[0].tasks[0].assignments[0].id");
        String otherPart = published.path("sections[0].workItems[0].tasks[0].assignments[1].id");
        String a = operator(own);
        String b = operator(other);
        // the own unit (A) leads and reports
        AssignmentActions.act(a, ownPart, "accept", "{\"note\":\"A单位签收备注-标记\"}", 200);
        AssignmentActions.act(a, ownPart, "progress-reports", "{\"summary\":\"A单位内部进展-标记\",\"percent\":40,"
                + "\"evidenceLinks\":[\"https://oa.example.gov.cn/a/evidence-marker-a\"],\"nextSteps\":\"A单位下一步-标记\"}", 201);
        // the other unit (B) reports, asks for more time and is urged
        AssignmentActions.act(b, otherPart, "accept", "{\"note\":\"B单位签收备注-标记\"}", 200);
        AssignmentActions.act(b, otherPart, "progress-reports", "{\"summary\":\"B单位内部进展-标记\",\"percent\":30,"
                + "\"evidenceLinks\":[\"https://oa.example.gov.cn/b/evidence-marker-b\"],\"nextSteps\":\"B单位下一步-标记\"}", 201);
        AssignmentActions.act(b, otherPart, "extension-requests", "{\"reason\":\"B单位延期理由-标记\",\"newDeadline\":\""
                + deadline.plusMonths(1) + "\"}", 201);
        AssignmentActions.act(null, otherPart, "urge", "{\"message\":\"催办B单位-标记\"}", 200);
        // a shared task whose B part was submitted and sent back, and one that B returned
        String sentBack = task(own, other)[0];
        String sentBackPart = given().get("/api/v1/tasks/" + sentBack).then().extract().path("assignments[1].id");
        AssignmentActions.act(b, sentBackPart, "accept", null, 200);
        AssignmentActions.act(b, sentBackPart, "submit", "{\"note\":\"B单位报结说明-标记\"}", 200);
        AssignmentActions.act(null, sentBackPart, "send-back", "{\"reason\":\"退回重办B单位-标记\"}", 200);
        String returned = task(own, other)[0];
        String returnedPart = given().get("/api/v1/tasks/" + returned).then().extract().path("assignments[1].id");
        AssignmentActions.act(b, returnedPart, "return", "{\"reason\":\"B单位退回理由-标记\"}", 200);
        return new SharedWork(plan, planTask, sentBack, returned,
                List.of("A单位签收备注-标记", "A单位内部进展-标记", "evidence-marker-a", "A单位下一步-标记", "unit:" + own),
                List.of("B单位签收备注-标记", "B单位内部进展-标记", "evidence-marker-b", "B单位下一步-标记", "B单位延期理由-标记",
                        "催办B单位-标记", "B单位报结说明-标记", "退回重办B单位-标记", "B单位退回理由-标记", "unit:" + other));
    }



    /** A plan document (UTF-8 text) with a fresh document number; every phrase resolves. */
    static byte[] document() {
        return PlanImportResourceTest.variant(PlanImportResourceTest.newDocNumber()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A holiday notice as JSON, for a year no other test uses (2090: confirming it writes 2090-01-01).
     * Its Chinese is written as JSON escapes (\\uXXXX): the endpoint also takes the notice as
     * text/plain, and the sweep's "wrong media type" sends this body as text/plain, which must then be
     * no notice (400), not the notice itself.
     */
    static String holidayNotice() {
        String text = "国务院办公厅关于2090年部分节假日安排的通知\n一、元旦：1月1日放假，共1天。";
        StringBuilder json = new StringBuilder("{\"text\":\"");
        for (char c : text.toCharArray()) {
            json.append(c == '\n' ? "\\n" : c < 128 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return json.append("\"}").toString();
    }

    /** A new, unconfirmed import preview: its JSON. */
    static String preview() {
        return given().contentType("text/plain; charset=UTF-8").body(document()).post("/api/v1/plan-imports")
                .then().statusCode(201).extract().asString();
    }

    static String previewId() {
        return given().contentType("text/plain; charset=UTF-8").body(document()).post("/api/v1/plan-imports")
                .then().statusCode(201).extract().path("id");
    }
}
