package org.duban.task.importing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The forms a plan is uploaded in, end to end: told by content, each read, each refused clearly when broken. */
@QuarkusTest
public class PlanImportFormsTest {

    @Inject
    EntityManager em;

    @Test
    void theSeedPlanAsHtmlDocAndGb18030TextPreviewsLikeItsUtf8Text() throws Exception {
        var text = given().contentType("text/plain; charset=UTF-8").body(PlainTextPlanReaderTest.seed())
                .post("/api/v1/plan-imports").then().statusCode(201).body("format", equalTo("text"))
                .extract().jsonPath();
        // a saved web page sent as the browser labels it
        given().contentType("text/html; charset=UTF-8").body(PlanReading.fixture("zhuhai-2020-openness-plan.html"))
                .post("/api/v1/plan-imports").then().statusCode(201).body("format", equalTo("html"))
                .body("counts.sections", equalTo(6)).body("counts.workItems", equalTo(22)).body("counts.tasks", equalTo(28))
                .body("plan.documentNumber", equalTo("珠府办〔2020〕9号"));
        // a legacy Word file uploaded under a .docx name: read by its content
        var doc = given().multiPart("file", "珠府办〔2020〕9号.docx", PlanReading.fixture("zhuhai-2020-openness-plan.doc"),
                        PlanImportResource.DOCX)
                .post("/api/v1/plan-imports").then().statusCode(201).body("format", equalTo("doc"))
                .body("counts.tasks", equalTo(28)).extract().jsonPath();
        assertEquals(text.getString("contentSha256"), doc.getString("contentSha256"));
        // text saved by an older Windows editor in GBK, sent without a charset
        var gbk = given().contentType("application/octet-stream")
                .body(PlainTextPlanReaderTest.seed().getBytes(Charset.forName("GBK")))
                .post("/api/v1/plan-imports").then().statusCode(201).body("format", equalTo("text"))
                .extract().jsonPath();
        assertEquals(text.getString("contentSha256"), gbk.getString("contentSha256"));
    }

    @Test
    void brokenOrMislabelledDocumentsAreRefusedWith4xxAndNothingIsStored() {
        long imports = count();
        // a PDF named .docx is a mistake, not a PDF to read
        given().multiPart("file", "方案.docx", PlanReading.fixture("zhuhai-2020-openness-plan.pdf"), PlanImportResource.DOCX)
                .post("/api/v1/plan-imports").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:not-a-docx"));
        // a .doc cut off in transfer
        byte[] doc = PlanReading.fixture("zhuhai-2020-openness-plan.doc");
        given().contentType(PlanImportResource.DOC).body(Arrays.copyOf(doc, 600))
                .post("/api/v1/plan-imports").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:damaged-document")).body("errors[0].field", equalTo("file"));
        // a PDF whose body is not one
        given().contentType(PlanImportResource.PDF).body("%PDF-1.4\n已损坏".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/plan-imports").then().statusCode(422)
                .body("type", equalTo("urn:duban:problem:damaged-document"));
        // each form has its limit: HTML over 5 MB (under the 10 MB body limit)
        byte[] page = new byte[5 * 1024 * 1024 + 1];
        Arrays.fill(page, (byte) ' ');
        System.arraycopy("<html><body><table>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, page, 0, 19);
        PlanReading.givenUnlogged().contentType("text/html").body(page).post("/api/v1/plan-imports")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:payload-too-large"));
        assertEquals(imports, count());
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM plan_import").getSingleResult()).longValue());
    }
}
