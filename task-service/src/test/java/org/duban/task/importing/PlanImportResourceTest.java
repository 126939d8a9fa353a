package org.duban.task.importing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
public class PlanImportResourceTest {

    @Inject
    EntityManager em;

    @BeforeAll
    static void units() {
        for (var e : java.util.Map.of("szfb", "珠海市人民政府办公室", "sfj", "珠海市司法局", "zsj", "珠海市政务服务数据管理局",
                "fgj", "珠海市发展和改革局", "scj", "珠海市市场监督管理局", "xzq", "珠海市香洲区人民政府",
                "hqxq", "横琴新区管理委员会").entrySet()) {
            RegistryUnits.seed(e.getKey(), e.getValue());
        }
    }

    /** A variant as other offices write it: 2 columns, ASCII punctuation, 牵头/配合, 1. numbering. */
    public static String variant(String docNumber) {
        return """
                %s

                珠海市人民政府办公室关于印发2021年营商环境工作分工方案的通知

                各区政府(管委会), 市政府各部门:
                现将《珠海市2021年营商环境工作分工方案》印发给你们, 请认真贯彻落实.

                珠海市人民政府办公室
                2021年3月1日

                珠海市2021年营商环境工作分工方案

                \t工作任务\t责任单位

                \t一、优化营商环境

                \t1. 2021年6月底前完成企业开办全程网办(见附件1)\t市市场监管局牵头,市政务服务数据管理局配合

                \t2. 市司法局要在年底前完成行政执法公示平台建设\t市司法局

                \t二、加强公开

                \t1. 长期坚持做好“六稳”政策解读\t市发展改革局,市直有关单位,各区政府（管委会）
                """.formatted(docNumber);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NUMBER = new java.util.concurrent.atomic.AtomicInteger(
            1000 + new Random().nextInt(8000));

    /** Plans are unique by document number, and every test imports its own. */
    public static String newDocNumber() {
        return "珠府办〔2021〕" + NUMBER.incrementAndGet() + "号";
    }

    @Test
    void aVariantDocumentPreviewsWithUnitsDeadlinesAndNamedUnits() {
        String doc = newDocNumber();
        given().contentType("text/plain; charset=UTF-8").body(variant(doc).getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/plan-imports")
                .then().statusCode(201)
                .body("plan.documentNumber", equalTo(doc))
                .body("plan.title", equalTo("珠海市2021年营商环境工作分工方案"))
                .body("plan.issueDate", equalTo("2021-03-01"))
                .body("plan.defaultDeadline", equalTo("2021-12-31"))
                .body("counts.sections", equalTo(2))
                .body("counts.tasks", equalTo(3))
                .body("counts.unresolvedPhrases", equalTo(0))
                .body("problems", hasSize(0))
                .body("sections[0].workItems[0].tasks[0].leadUnitCode", equalTo("scj"))
                .body("sections[0].workItems[0].tasks[0].responsibleUnitCodes", equalTo(java.util.List.of("zsj")))
                .body("sections[0].workItems[0].tasks[0].remark", equalTo("见附件1"))
                .body("sections[0].workItems[0].tasks[0].deadline.kind", equalTo("DATE"))
                .body("sections[0].workItems[0].tasks[0].deadline.date", equalTo("2021-06-30"))
                .body("sections[0].workItems[0].tasks[1].unitsNamedInText[0].unitCode", equalTo("sfj"))
                .body("sections[0].workItems[0].tasks[1].deadline.date", equalTo("2021-12-31"))
                .body("sections[1].workItems[0].tasks[0].deadline.kind", equalTo("ONGOING"))
                .body("sections[1].workItems[0].tasks[0].tags", equalTo(java.util.List.of("六稳")))
                .body("sections[1].workItems[0].tasks[0].leadUnitCode", equalTo("fgj"))
                .body("sections[1].workItems[0].tasks[0].responsibleUnitCodes", equalTo(java.util.List.of("xzq", "hqxq")))
                .body("sections[1].workItems[0].tasks[0].openGroups", equalTo(java.util.List.of("市直有关单位")));
    }

    @Test
    void aPlanOfAnotherCityIsPreviewedWithACityProblemAndNothingResolved() {
        // Weifang's plan against Zhuhai's registry: 市司法局 would silently become Zhuhai's
        String text = variant("潍政办字〔2021〕" + NUMBER.incrementAndGet() + "号").replace("珠海市", "潍坊市");
        var preview = given().contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("plan.city", equalTo("潍坊市"))
                .body("problems[0].kind", equalTo("CITY_MISMATCH"))
                .body("problems[0].line", equalTo(3))
                .body("problems[0].message", containsString("珠海市"))
                .body("counts.unresolvedPhrases", equalTo(3))
                .body("sections[0].workItems[0].tasks[1].leadUnitCode", nullValue())
                .body("sections[0].workItems[0].tasks[1].unresolved[0].text", equalTo("市司法局"))
                .body("sections[0].workItems[0].tasks[1].unresolved[0].candidates[0].code", equalTo("sfj"))
                .extract().jsonPath();
        given().post("/api/v1/plan-imports/" + preview.getString("id") + "/confirm").then().statusCode(422)
                .body("type", equalTo("urn:duban:problem:unresolved-units"));
    }

    @Test
    void everyLeadOfXAndYEachLeadingIsInThePreviewTheFirstLeadsTheTask() {
        String text = variant(newDocNumber()).replace("\t市司法局\n", "\t市司法局、市发展改革局分别牵头落实\n");
        given().contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("counts.unresolvedPhrases", equalTo(0))
                .body("sections[0].workItems[0].tasks[1].leadUnitCode", equalTo("sfj"))
                .body("sections[0].workItems[0].tasks[1].leadUnitCodes", equalTo(java.util.List.of("sfj", "fgj")))
                .body("sections[0].workItems[0].tasks[1].responsibleUnitCodes", equalTo(java.util.List.of("fgj")))
                .body("sections[0].workItems[0].tasks[0].leadUnitCodes", nullValue());
    }

    @Test
    void aPreviewPostedBackWithALeadThatIsNotOneOfTheTasksUnitsIsRefused() {
        String text = variant(newDocNumber()).replace("\t市司法局\n", "\t市司法局、市发展改革局分别牵头落实\n");
        java.util.Map<String, Object> body = given().contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/v1/plan-imports").then().statusCode(201).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        var task = (java.util.Map<String, Object>) ((java.util.List<?>) ((java.util.Map<?, ?>) ((java.util.List<?>) ((java.util.Map<?, ?>)
                ((java.util.List<?>) body.get("sections")).get(0)).get("workItems")).get(0)).get("tasks")).get(1);
        task.put("leadUnitCodes", java.util.List.of("sfj", "scj"));
        long plans = count("SELECT count(*) FROM plan");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/plan-imports/confirmations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("sections[0].workItems[0].tasks[1].leadUnitCodes"))
                .body("errors[0].rejectedValue", equalTo("scj"));
        assertEquals(plans, count("SELECT count(*) FROM plan"));
    }

    @Test
    void aPlanWithoutAYearAsksForItAndReadsNoDeadlineAgainstToday() {
        String text = variant(newDocNumber()).replace("2021年3月1日", "").replace("2021年", "")
                .replace("珠府办〔2021〕", "珠府办〔二〇二一〕");
        given().contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("plan.year", nullValue())
                .body("plan.defaultDeadline", nullValue())
                .body("problems.kind", org.hamcrest.Matchers.hasItem("YEAR_MISSING"))
                .body("sections[0].workItems[0].tasks[0].deadline.kind", equalTo("UNRESOLVED"))
                .body("sections[0].workItems[0].tasks[0].deadline.date", nullValue());
    }

    @Test
    void confirmingCreatesTheDraftPlanOnceAndTheSameDocumentIsRecognised() {
        String doc = newDocNumber();
        String id = given().contentType("text/plain; charset=UTF-8").body(variant(doc))
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("duplicateOfPlanId", nullValue()).extract().path("id");
        String planId = given().post("/api/v1/plan-imports/" + id + "/confirm")
                .then().statusCode(201).body("tasks", equalTo(3)).extract().path("planId");
        given().get("/api/v1/plans/" + planId).then().statusCode(200)
                .body("documentNumber", equalTo(doc)).body("state", equalTo("DRAFT"));

        given().post("/api/v1/plan-imports/" + id + "/confirm").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:duban:problem:duplicate-plan"));
        String again = given().contentType("text/plain; charset=UTF-8").body(variant(doc))
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("duplicateOfPlanId", equalTo(planId)).extract().path("id");
        given().post("/api/v1/plan-imports/" + again + "/confirm").then().statusCode(409)
                .body("detail", containsString(planId));
        assertEquals(1L, count("SELECT count(*) FROM plan WHERE document_number = '" + doc + "'"));
    }

    @Test
    void unresolvedPhrasesBlockConfirmationUntilThePreviewIsPostedBackFixed() {
        String doc = newDocNumber();
        String text = variant(doc).replace("\t市司法局\n", "\t市司法所\n");
        var preview = given().contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("counts.unresolvedPhrases", equalTo(1))
                .body("problems[0].kind", equalTo("UNRESOLVED_PHRASE"))
                .body("problems[0].line", equalTo(19))
                .body("sections[0].workItems[0].tasks[1].unresolved[0].text", equalTo("市司法所"))
                .body("sections[0].workItems[0].tasks[1].unresolved[0].candidates[0].code", equalTo("sfj"))
                .extract().jsonPath();
        String id = preview.getString("id");
        long plans = count("SELECT count(*) FROM plan");
        given().post("/api/v1/plan-imports/" + id + "/confirm").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unresolved-units"))
                .body("errors[0].field", equalTo("sections[0].workItems[0].tasks[1].unresolved"));
        assertEquals(plans, count("SELECT count(*) FROM plan"));

        // the supervisor picks the unit and posts the preview back
        java.util.Map<String, Object> body = preview.getMap("");
        @SuppressWarnings("unchecked")
        var task = (java.util.Map<String, Object>) ((java.util.List<?>) ((java.util.Map<?, ?>) ((java.util.List<?>) ((java.util.Map<?, ?>)
                ((java.util.List<?>) body.get("sections")).get(0)).get("workItems")).get(0)).get("tasks")).get(1);
        task.remove("unresolved");
        task.put("leadUnitCode", "sfj");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/plan-imports/confirmations")
                .then().statusCode(201).body("planId", notNullValue());
    }

    @Test
    void importingIsTheSupervisorsAndTheRegistryIsAskedWithTheCallersToken() {
        long imports = count("SELECT count(*) FROM plan_import");
        for (String token : java.util.List.of(TestKeys.token("unit-operator", "sfj"), TestKeys.token("integration", "sfj"),
                TestKeys.token("viewer"))) {
            given().auth().oauth2(token).contentType("text/plain; charset=UTF-8")
                    .body(variant(newDocNumber()).getBytes(StandardCharsets.UTF_8)).post("/api/v1/plan-imports")
                    .then().statusCode(403).body("type", equalTo("urn:duban:problem:forbidden"));
        }
        assertEquals(imports, count("SELECT count(*) FROM plan_import"));
        String supervisor = TestKeys.token("supervisor");
        given().auth().oauth2(supervisor).contentType("text/plain; charset=UTF-8")
                .body(variant(newDocNumber()).getBytes(StandardCharsets.UTF_8)).post("/api/v1/plan-imports")
                .then().statusCode(201);
        assertEquals("Bearer " + supervisor, FakeRegistryResource.lastAuthorization);
    }

    @Test
    void badDocumentsGetAClear4xxAndCreateNothing() {
        long imports = count("SELECT count(*) FROM plan_import");
        long plans = count("SELECT count(*) FROM plan");
        given().contentType("text/plain").body(new byte[0]).post("/api/v1/plan-imports")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:empty-document"));
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        given().contentType("application/octet-stream").body(garbage).post("/api/v1/plan-imports")
                .then().statusCode(415).body("type", equalTo("urn:duban:problem:unreadable-document"));
        given().contentType("application/octet-stream").queryParam("fileName", "方案.docx")
                .body(variant(newDocNumber()).getBytes(StandardCharsets.UTF_8)).post("/api/v1/plan-imports")
                .then().statusCode(422).body("type", equalTo("urn:duban:problem:not-a-docx"));
        given().multiPart("file", "方案.docx", "不是Word文档".getBytes(StandardCharsets.UTF_8), PlanImportResource.DOCX)
                .post("/api/v1/plan-imports")
                .then().statusCode(422).body("type", equalTo("urn:duban:problem:not-a-docx"));
        given().contentType("text/plain; charset=UTF-8").body("关于做好某项工作的通知\n各单位：\n请认真落实。\n")
                .post("/api/v1/plan-imports")
                .then().statusCode(422).body("type", equalTo("urn:duban:problem:no-task-table"))
                .body("detail", containsString("责任单位"));
        // a header without rows that split: the detail says where it is and what else was seen
        given().contentType("text/plain; charset=UTF-8")
                .body("潍政办字〔2017〕30号\n潍坊市2017年政务公开工作要点实施方案\n\n具体要求\t责任单位\n\n一、深化公开\n")
                .post("/api/v1/plan-imports")
                .then().statusCode(422).body("type", equalTo("urn:duban:problem:no-task-table"))
                .body("detail", containsString("Header found on line 4 (具体要求|责任单位)"))
                .body("detail", containsString("document number 潍政办字〔2017〕30号"))
                .body("errors[0].message", containsString("line 4"));
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        PlanReading.givenUnlogged().contentType("text/plain").body(huge).post("/api/v1/plan-imports")
                .then().statusCode(413).contentType("application/problem+json");
        assertEquals(imports, count("SELECT count(*) FROM plan_import"));
        assertEquals(plans, count("SELECT count(*) FROM plan"));
    }

    @Test
    void theSeedPlanAsTextAndAsDocxPreviewAlikeAndHashTheSame() throws Exception {
        var text = given().contentType("text/plain; charset=UTF-8").body(PlainTextPlanReaderTest.seed())
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("counts.sections", equalTo(6)).body("counts.workItems", equalTo(22)).body("counts.tasks", equalTo(28))
                .body("plan.documentNumber", equalTo("珠府办〔2020〕9号"))
                .body("format", equalTo("text"))
                .extract().jsonPath();
        var docx = given().multiPart("file", "珠府办〔2020〕9号.docx", DocxPlanReaderTest.seedAsDocx(), PlanImportResource.DOCX)
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("counts.tasks", equalTo(28)).body("format", equalTo("docx"))
                .extract().jsonPath();
        assertEquals(text.getString("contentSha256"), docx.getString("contentSha256"));
        assertEquals(text.getList("sections.workItems.tasks.unitPhrase"), docx.getList("sections.workItems.tasks.unitPhrase"));
        // 2020年底前 → 2020-12-31 (the IPv6 task), and a task without a phrase takes the plan default
        assertEquals("DATE", text.getString("sections[4].workItems[2].tasks[1].deadline.kind"));
        assertEquals("2020-12-31", text.getString("sections[4].workItems[2].tasks[1].deadline.date"));
        assertEquals("PLAN_DEFAULT", text.getString("sections[0].workItems[0].tasks[0].deadline.kind"));
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    @Test
    void aDeadlineOfTheDocumentOutsideTheDateRangeIsRefusedAtConfirmationNamingTheTask() {
        String doc = newDocNumber();
        String text = variant(doc).replace("2021年6月底前", "9999年6月底前");
        String id = given().contentType("text/plain; charset=UTF-8").body(text.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("sections[0].workItems[0].tasks[0].deadline.date", equalTo("9999-06-30")).extract().path("id");
        // before: the draft plan was created with a deadline no caller may send in a body
        given().post("/api/v1/plan-imports/" + id + "/confirm").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("sections[0].workItems[0].tasks[0].deadline.date"))
                .body("errors[0].rejectedValue", equalTo("9999-06-30"));
        given().queryParam("limit", 200).get("/api/v1/plans").then().statusCode(200)
                .body("items.documentNumber", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(doc)));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> firstTask(java.util.Map<String, Object> preview) {
        return (java.util.Map<String, Object>) ((java.util.List<?>) ((java.util.Map<?, ?>) ((java.util.List<?>) ((java.util.Map<?, ?>)
                ((java.util.List<?>) preview.get("sections")).get(0)).get("workItems")).get(0)).get("tasks")).get(0);
    }

    @Test
    void confirmingTakesTheDeadlinesThePreviewDecidedAndReadsNoPhraseAgain() {
        String doc = newDocNumber();
        java.util.Map<String, Object> body = given().contentType("text/plain; charset=UTF-8").body(variant(doc))
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("sections[0].workItems[0].tasks[0].deadline.kind", equalTo("DATE"))
                .extract().jsonPath().getMap("");
        // the supervisor decides the first task takes the plan's default, though its phrase says 2021年6月底前
        firstTask(body).put("deadline", java.util.Map.of("kind", "PLAN_DEFAULT", "phrase", "2021年6月底前"));
        String planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plan-imports/confirmations")
                .then().statusCode(201).extract().path("planId");
        given().get("/api/v1/plans/" + planId).then().statusCode(200)
                .body("sections[0].workItems[0].tasks[0].deadline", equalTo("2021-12-31"))
                .body("sections[0].workItems[0].tasks[0].deadlineSource", equalTo("PLAN_DEFAULT"))
                // as previewed: read from its phrase once, at preview
                .body("sections[0].workItems[0].tasks[1].deadline", equalTo("2021-12-31"))
                .body("sections[0].workItems[0].tasks[1].deadlineSource", equalTo("PHRASE"))
                .body("sections[1].workItems[0].tasks[0].deadlineSource", equalTo("NONE_PERIODIC"));
    }

    @Test
    void aDeadlineLeftUnreadForWantOfTheYearIsReadOnceWhenTheYearIsPostedBack() {
        String text = variant(newDocNumber()).replace("2021年3月1日", "").replace("2021年", "")
                .replace("珠府办〔2021〕", "珠府办〔二〇二一〕");
        java.util.Map<String, Object> body = given().contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/v1/plan-imports").then().statusCode(201)
                .body("sections[0].workItems[0].tasks[0].deadline.kind", equalTo("UNRESOLVED"))
                .extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> plan = (java.util.Map<String, Object>) body.get("plan");
        plan.put("year", 2021);
        plan.put("documentNumber", newDocNumber());
        String planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plan-imports/confirmations")
                .then().statusCode(201).extract().path("planId");
        // "6月底前完成企业开办…" read with the year the supervisor set
        given().get("/api/v1/plans/" + planId).then().statusCode(200)
                .body("year", equalTo(2021))
                .body("sections[0].workItems[0].tasks[0].deadline", equalTo("2021-06-30"))
                .body("sections[0].workItems[0].tasks[0].deadlineSource", equalTo("PHRASE"));
    }
}
