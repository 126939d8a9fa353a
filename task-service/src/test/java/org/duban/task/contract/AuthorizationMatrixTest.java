package org.duban.task.contract;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.testsupport.contract.AuthorizationMatrix;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.duban.testsupport.contract.AuthorizationMatrix.ACT_OWN;
import static org.duban.testsupport.contract.AuthorizationMatrix.EVERY_ROLE;
import static org.duban.testsupport.contract.AuthorizationMatrix.READ_OWN;
import static org.duban.testsupport.contract.AuthorizationMatrix.SUPERVISOR_AND_VIEWER;
import static org.duban.testsupport.contract.AuthorizationMatrix.SUPERVISOR_ONLY;

/**
 * Every endpoint of task-service × every kind of caller, as issue 7's policy says: plans are read by
 * every role (drafts by the supervisor and the viewer only), drafted, imported and published by the
 * supervisor; the ledger and the statistics are the supervisor's and the viewer's; tasks and
 * assignments are read by the supervisor, the viewer and the units that owe them; the unit's own
 * actions (签收, 进展报送, 报结, 退回, 延期申请, 认领) are the supervisor's and the unit's, the supervising
 * office's decisions the supervisor's; the calendar is read by all and changed by the supervisor;
 * public progress is open. The objects belong to the own unit ({@link ContractFixture}); refused
 * requests must leave the database as it was. Issue 12: the own and the other unit share a published plan's
 * task and two more tasks, each with its private texts planted (progress, evidence, next steps, reasons,
 * notes, its operator as actor); no answer to a caller of one unit, or to a caller without a token, may
 * show the other's.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyEndpointAnswersEveryCallerAsThePolicySays() {
        ContractFixture f = ContractFixture.create();
        String[] task = f.task(f.own);
        String taskId = task[0];
        String assignment = task[1];
        String[] extension = f.pendingExtension();
        String[] published = f.publishedPlan();
        String plan = published[0];
        String openTask = published[1];
        String draft = f.draftPlan();
        String previewId = ContractFixture.previewId();
        String preview = ContractFixture.preview();
        ContractFixture.SharedWork shared = f.sharedWork();
        String day = LocalDate.of(2040, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000)).toString();

        AuthorizationMatrix m = AuthorizationMatrix.of(f.own, f.other).database(
                new org.duban.testsupport.contract.DatabaseFingerprint(dataSource)
                        // the relay marks relayed events published in the background; their number still counts
                        .countOnly("outbox_event"))
                .secrets(f.own, shared.ownSecrets().toArray(String[]::new))
                .secrets(f.other, shared.otherSecrets().toArray(String[]::new));

        // plans
        m.entry("GET", "/api/v1/plans").allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/plans/{id}").path("id", plan).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/plans/{id}").label("shared").path("id", shared.plan()).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/plans/{id}").label("draft").path("id", draft).allow(SUPERVISOR_AND_VIEWER);
        m.entry("POST", "/api/v1/plans").json(f.planBody()).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/plans/{id}/publish").path("id", draft).allow(SUPERVISOR_ONLY);
        m.entry("GET", "/api/v1/plans/{id}/ledger").path("id", plan).allow(SUPERVISOR_AND_VIEWER);
        m.entry("GET", "/api/v1/plans/{id}/statistics").path("id", plan).allow(SUPERVISOR_AND_VIEWER);
        m.entry("GET", "/api/v1/plans/{id}/annual-summary").path("id", plan).allow(SUPERVISOR_AND_VIEWER);
        m.entry("GET", "/api/v1/public/plans/{id}").path("id", plan).open();
        m.entry("GET", "/api/v1/public/plans/{id}").label("shared").path("id", shared.plan()).open();

        // plan import
        m.entry("POST", "/api/v1/plan-imports").body("text/plain; charset=UTF-8", ContractFixture.document())
                .allow(SUPERVISOR_ONLY);
        m.entry("GET", "/api/v1/plan-imports/{id}").path("id", previewId).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/plan-imports/{id}/confirm").path("id", previewId).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/plan-imports/confirmations").json(preview).allow(SUPERVISOR_ONLY);

        // tasks: read by the units that owe them; the lists narrowed, a unit filter of another unit refused
        m.entry("GET", "/api/v1/tasks").allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/tasks").label("?unit=own").query("unit", f.own).allow(READ_OWN);
        m.entry("POST", "/api/v1/tasks")
                .json("{\"title\":\"编制并发布年度报告\",\"deadline\":\"" + f.deadline + "\",\"unitCodes\":[\"" + f.own + "\"]}")
                .allow(SUPERVISOR_ONLY);
        m.entry("GET", "/api/v1/tasks/{id}").path("id", taskId).allow(READ_OWN);
        m.entry("GET", "/api/v1/tasks/{id}/history").path("id", taskId).allow(READ_OWN);
        // shared tasks: both units read them whole, but neither the other's private texts
        m.entry("GET", "/api/v1/tasks").label("?plan=shared").query("plan", shared.plan()).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/tasks/{id}").label("shared").path("id", shared.planTask()).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/tasks/{id}").label("shared, sent back").path("id", shared.sentBackTask()).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/tasks/{id}/history").label("shared").path("id", shared.planTask()).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/tasks/{id}/history").label("shared, sent back").path("id", shared.sentBackTask())
                .allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/tasks/{id}/history").label("shared, returned").path("id", shared.returnedTask())
                .allow(EVERY_ROLE);
        m.entry("POST", "/api/v1/tasks/{id}/claims").path("id", openTask)
                .json("{\"unitCode\":\"" + f.own + "\",\"group\":\"市直有关单位\"}").allow(ACT_OWN);
        m.entry("POST", "/api/v1/tasks/{id}/designations").path("id", openTask)
                .json("{\"unitCodes\":[\"" + f.third + "\"],\"group\":\"市直有关单位\",\"reason\":\"根据职责指定\"}")
                .allow(SUPERVISOR_ONLY);

        // assignments: reading
        m.entry("GET", "/api/v1/assignments").allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/assignments").label("?unit=own").query("unit", f.own).allow(READ_OWN);
        m.entry("GET", "/api/v1/assignments/{id}").path("id", assignment).allow(READ_OWN);
        m.entry("GET", "/api/v1/assignments/{id}/progress-reports").path("id", assignment).allow(READ_OWN);
        m.entry("GET", "/api/v1/units/{code}/work").path("code", f.own).allow(READ_OWN);
        m.entry("GET", "/api/v1/units/{code}/reports").path("code", f.own).allow(READ_OWN);
        // evidence files (佐证材料): read like their report
        String[] evidence = f.evidence();
        m.entry("GET", "/api/v1/assignments/{id}/progress-reports/{reportId}/evidence/{evidenceId}")
                .path("id", evidence[0]).path("reportId", evidence[1]).path("evidenceId", evidence[2]).allow(READ_OWN);
        // the unit's own actions
        m.entry("POST", "/api/v1/assignments/{id}/accept").path("id", assignment).json("{\"note\":\"已签收\"}").allow(ACT_OWN);
        m.entry("POST", "/api/v1/assignments/{id}/progress-reports").path("id", assignment)
                .json("{\"summary\":\"已完成权责清单梳理\",\"percent\":60}").allow(ACT_OWN);
        m.entry("POST", "/api/v1/assignments/{id}/extension-requests").path("id", assignment)
                .json("{\"reason\":\"需待省平台上线\",\"newDeadline\":\"" + f.deadline.plusMonths(1) + "\"}").allow(ACT_OWN);
        m.entry("POST", "/api/v1/assignments/{id}/submit").path("id", assignment).allow(ACT_OWN);
        m.entry("POST", "/api/v1/assignments/{id}/return").path("id", f.assignment())
                .json("{\"reason\":\"该事项不属于本单位职责\"}").allow(ACT_OWN);
        // the supervising office's decisions
        m.entry("POST", "/api/v1/assignments/{id}/extension-requests/{requestId}/approve")
                .path("id", extension[0]).path("requestId", extension[1]).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/assignments/{id}/extension-requests/{requestId}/reject")
                .path("id", extension[0]).path("requestId", extension[1]).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/assignments/{id}/send-back").path("id", assignment)
                .json("{\"reason\":\"材料不全\"}").allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/assignments/{id}/urge").path("id", assignment)
                .json("{\"message\":\"请于本周五前报送进展\"}").allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/assignments/{id}/deadline").path("id", assignment)
                .json("{\"deadline\":\"" + f.deadline.plusMonths(2) + "\",\"reason\":\"根据省里部署调整\"}").allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/assignments/{id}/complete").path("id", f.submitted()).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/assignments/{id}/cancel").path("id", assignment)
                .json("{\"reason\":\"任务调整\"}").allow(SUPERVISOR_ONLY);

        // the working-day calendar
        m.entry("GET", "/api/v1/calendar/{year}").path("year", 2020).allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/calendar/working-days").query("from", "2020-09-30").query("to", "2020-10-12").allow(EVERY_ROLE);
        m.entry("PUT", "/api/v1/calendar/days/{date}").path("date", day)
                .json("{\"kind\":\"HOLIDAY\",\"name\":\"测试假日\",\"reason\":\"授权矩阵\"}").allow(SUPERVISOR_ONLY);
        m.entry("GET", "/api/v1/calendar/days/{date}").path("date", day).allow(EVERY_ROLE);
        m.entry("DELETE", "/api/v1/calendar/days/{date}").path("date", day).allow(SUPERVISOR_ONLY);
        // the holiday notice import (a year far from the other entries' days; confirming it twice changes nothing)
        m.entry("POST", "/api/v1/calendar/notices/preview").json(ContractFixture.holidayNotice()).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/calendar/notices/confirm").json(ContractFixture.holidayNotice()).allow(SUPERVISOR_ONLY);

        m.run();
        // the allowed callers did act: the own unit's operator claimed the open task, the supervisor designated the third unit
        given().get("/api/v1/tasks/" + openTask).then().statusCode(200)
                .body("assignments.unitCode", org.hamcrest.Matchers.hasItems(f.own, f.third));
    }
}
