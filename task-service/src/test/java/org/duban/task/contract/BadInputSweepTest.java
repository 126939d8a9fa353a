package org.duban.task.contract;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.testsupport.contract.BadInputSweep;
import org.duban.testsupport.contract.DatabaseFingerprint;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every write endpoint of task-service gets bad input (malformed JSON, wrong types, missing and
 * unknown fields, 100 KB strings, SQL and script injection outside free text and in path
 * parameters, invalid UTF-8, oversized bodies, the wrong media type): each answer is a 4xx
 * problem+json naming the field, and the database does not change; then the valid baseline
 * succeeds. Entries run in the order declared, each baseline leaving the objects in the state the
 * next one needs. Free text (titles, reasons, notes, phrases of the document) may hold any text.
 * <p>
 * The actions whose JSON body is optional (accept, submit, complete, approve, reject: posted
 * without a body by {@code curl -X POST}) are swept as endpoints without a body, since an empty
 * body is valid for them; their optional body's bad inputs are tested in
 * AssignmentLifecycleResourceTest.
 */
@QuarkusTest
class BadInputSweepTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyWriteEndpointRefusesBadInputWithAProblemAndChangesNothing() {
        ContractFixture f = ContractFixture.create();
        String draft = f.draftPlan();
        String[] published = f.publishedPlan();
        String openTask = published[1];
        String working = f.assignment();        // accepted, reported on, extended, submitted, sent back, urged, re-dated, cancelled
        String toReturn = f.assignment();
        String toComplete = f.submitted();
        String[] toApprove = f.pendingExtension();
        String[] toReject = f.pendingExtension();
        String previewId = ContractFixture.previewId();
        String preview = ContractFixture.preview();
        String day = LocalDate.of(2040, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000)).toString();

        BadInputSweep sweep = BadInputSweep.on(new DatabaseFingerprint(dataSource)
                // the relay marks relayed events published in the background; their number still counts
                .countOnly("outbox_event"));

        // tasks and plans
        sweep.json("POST", "/api/v1/tasks")
                .body("{\"title\":\"编制并发布2020年政务公开工作年度报告\",\"deadline\":\"" + f.deadline
                        + "\",\"unitCodes\":[\"" + f.own + "\"]}")
                .freeText("title");
        sweep.json("POST", "/api/v1/plans").body(f.planBody())
                .freeText("documentNumber", "title", "issuer", "basisDocument", "text", "deadlinePhrase", "tags", "openGroups");
        sweep.noBody("POST", "/api/v1/plans/{id}/publish").path("id", draft);
        sweep.json("POST", "/api/v1/tasks/{id}/designations").path("id", openTask)
                .body("{\"unitCodes\":[\"" + f.other + "\"],\"group\":\"市直有关单位\",\"reason\":\"根据职责指定\"}")
                .freeText("reason");
        sweep.json("POST", "/api/v1/tasks/{id}/claims").path("id", openTask)
                .body("{\"unitCode\":\"" + f.third + "\",\"group\":\"市直有关单位\"}");

        // the lifecycle of one assignment, in an order each state allows
        sweep.json("POST", "/api/v1/assignments/{id}/accept").path("id", working)
                .body("{\"note\":\"已签收，安排专人负责\"}").freeText("note").emptyAllowed();
        sweep.json("POST", "/api/v1/assignments/{id}/progress-reports").path("id", working)
                .body("{\"summary\":\"已完成权责清单梳理，正在报审\",\"percent\":60,"
                        + "\"evidenceLinks\":[\"https://www.zhuhai.gov.cn/zwgk/qzqd/\"],\"nextSteps\":\"9月底前完成公开\"}")
                .freeText("summary", "nextSteps");
        sweep.json("POST", "/api/v1/assignments/{id}/extension-requests").path("id", working)
                .body("{\"reason\":\"需待省平台上线后方可完成\",\"newDeadline\":\"" + f.deadline.plusMonths(1) + "\"}")
                .freeText("reason");
        sweep.json("POST", "/api/v1/assignments/{id}/submit").path("id", working)
                .body("{\"note\":\"已按要求完成，申请办结\"}").freeText("note").emptyAllowed();
        sweep.json("POST", "/api/v1/assignments/{id}/send-back").path("id", working)
                .body("{\"reason\":\"材料不全，请补充\"}").freeText("reason");
        sweep.json("POST", "/api/v1/assignments/{id}/urge").path("id", working)
                .body("{\"message\":\"请于本周五前报送进展\"}").freeText("message");
        sweep.json("POST", "/api/v1/assignments/{id}/deadline").path("id", working)
                .body("{\"deadline\":\"" + f.deadline.plusMonths(2) + "\",\"reason\":\"根据省里部署调整\"}").freeText("reason");
        sweep.json("POST", "/api/v1/assignments/{id}/cancel").path("id", working)
                .body("{\"reason\":\"任务撤销\"}").freeText("reason");
        sweep.json("POST", "/api/v1/assignments/{id}/return").path("id", toReturn)
                .body("{\"reason\":\"该事项不属于本单位职责\"}").freeText("reason");
        sweep.json("POST", "/api/v1/assignments/{id}/complete").path("id", toComplete)
                .body("{\"note\":\"同意办结\"}").freeText("note").emptyAllowed();
        sweep.json("POST", "/api/v1/assignments/{id}/extension-requests/{requestId}/approve")
                .path("id", toApprove[0]).path("requestId", toApprove[1])
                .body("{\"note\":\"同意延期\"}").freeText("note").emptyAllowed();
        sweep.json("POST", "/api/v1/assignments/{id}/extension-requests/{requestId}/reject")
                .path("id", toReject[0]).path("requestId", toReject[1])
                .body("{\"note\":\"理由不充分\"}").freeText("note").emptyAllowed();

        // the working-day calendar
        sweep.json("PUT", "/api/v1/calendar/days/{date}").path("date", day)
                .body("{\"kind\":\"HOLIDAY\",\"name\":\"测试假日\",\"reason\":\"市政府办公室通知\"}").freeText("name", "reason");
        sweep.noBody("DELETE", "/api/v1/calendar/days/{date}").path("date", day);
        // the holiday notice: the text is a document (free text); a text that is no notice is a 400 naming it
        sweep.json("POST", "/api/v1/calendar/notices/preview").body(ContractFixture.holidayNotice()).freeText("text");
        sweep.json("POST", "/api/v1/calendar/notices/confirm").body(ContractFixture.holidayNotice()).freeText("text");

        // plan import: the document, the confirmation of a preview, a preview posted back
        sweep.raw("POST", "/api/v1/plan-imports").body("text/plain; charset=UTF-8", ContractFixture.document());
        sweep.noBody("POST", "/api/v1/plan-imports/{id}/confirm").path("id", previewId);
        // the preview as returned: what the document says is free text; codes, dates, numbers and kinds are not
        sweep.json("POST", "/api/v1/plan-imports/confirmations").body(preview)
                .freeText("documentNumber", "title", "noticeTitle", "issuer", "city", "basisDocuments", "addressees", "numbering",
                        "text", "unitPhrase", "remark", "tags", "openGroups", "phrase", "derivation", "message");

        sweep.run();
    }
}
