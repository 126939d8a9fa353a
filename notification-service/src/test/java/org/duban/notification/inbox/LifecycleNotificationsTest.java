package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.events.task.Overdue;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskEvents;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Who is told of lifecycle events and reminders, and what the templates say (supervisor: szfb); every event built
 * from task-service's records of the events module.
 */
@QuarkusTest
class LifecycleNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager em;

    private static int supervisorInboxFor(UUID taskId) {
        return given().queryParam("taskId", taskId.toString()).get("/api/v1/units/szfb/notifications")
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void aReminderOfATaskNeverSeenBeforeSaysEverythingFromTheEventAloneAndIsEscalatedBeyondTheThreshold() {
        // the service keeps nothing of earlier events (no task_info since V7) and looks no name up
        assertNull(QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("SELECT CAST(to_regclass('task_info') AS text)").getSingleResult()));
        // the unit is in the replica (the door parks an event for a unit nobody published) under ANOTHER name
        // than the event's: the text must take the event's
        String unit = org.duban.notification.inbox.TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        UUID assignmentId = UUID.randomUUID();
        UUID planId = UUID.randomUUID();
        // the first and only event of this task: task.overdue as task-service's reminder pass writes it
        Overdue overdue = new Overdue(new TaskPart(taskId, assignmentId, "推进行政执法公示制度", planId, "珠府办〔2020〕9号",
                "sfj", "珠海市司法局", unit, "珠海市公安局", TaskPart.Role.RESPONSIBLE, LocalDate.of(2026, 6, 30), -5),
                5, 5, 42, OffsetDateTime.parse("2026-07-08T09:00:00+08:00"));
        org.duban.notification.inbox.TaskEvents.send(org.duban.notification.inbox.TaskEvents.record(taskId.toString(),
                UUID.randomUUID().toString(), TaskEvents.OVERDUE.name(), assignmentId.toString(),
                org.duban.notification.inbox.TaskEvents.json(overdue)));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, org.duban.notification.inbox.TaskEvents.inboxSize(unit)));
        given().get("/api/v1/units/{code}/notifications", unit).then()
                .body("items[0].type", equalTo("task.overdue"))
                .body("items[0].title", equalTo("已超期：推进行政执法公示制度"))
                .body("items[0].body", equalTo("珠海市公安局：“推进行政执法公示制度”的办理期限2026年6月30日已过，已超期5个工作日，请尽快办结并报送。"))
                .body("items[0].leadUnitName", equalTo("珠海市司法局"))
                .body("items[0].documentNumber", equalTo("珠府办〔2020〕9号"))
                .body("items[0].link", equalTo("http://localhost:8080/tasks/" + taskId))
                .body("items[0].reason", equalTo("ASSIGNEE"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, supervisorInboxFor(taskId)));
        given().queryParam("taskId", taskId.toString()).get("/api/v1/units/szfb/notifications").then()
                .body("items[0].reason", equalTo("ESCALATION"))
                .body("items[0].title", equalTo("超期督办：珠海市公安局“推进行政执法公示制度”"))
                .body("items[0].body", equalTo("珠海市人民政府办公室：珠海市公安局承办的“推进行政执法公示制度”已超期5个工作日（办理期限2026年6月30日），请督促办理。"))
                .body("items[0].leadUnitName", equalTo("珠海市司法局"))
                .body("items[0].documentNumber", equalTo("珠府办〔2020〕9号"));
    }

    @Test
    void aReportingCyclesRemindersTellTheUnitOnceEachAndNobodyElse() {
        // issue 19: task.report-due and task.report-overdue as task-service's reminder pass writes them
        String dueUnit = org.duban.notification.inbox.TaskEvents.newUnit();
        String lateUnit = org.duban.notification.inbox.TaskEvents.newUnit();
        UUID dueTask = UUID.randomUUID();
        UUID lateTask = UUID.randomUUID();
        UUID dueAssignment = UUID.randomUUID();
        UUID lateAssignment = UUID.randomUUID();
        ReportDue due = new ReportDue(reportPart(dueTask, dueAssignment, dueUnit, 30), "2026-Q3", "2026年第3季度", 3,
                LocalDate.of(2026, 9, 30), 2, 43, OffsetDateTime.parse("2026-09-28T09:00:00+08:00"));
        // the escalation threshold (3) is about the task's deadline: a late report is not escalated, whatever the days
        ReportOverdue late = new ReportOverdue(reportPart(lateTask, lateAssignment, lateUnit, 20), "2026-Q3",
                "2026年第3季度", 3, LocalDate.of(2026, 9, 30), 4, 44, OffsetDateTime.parse("2026-10-13T09:00:00+08:00"));
        org.duban.notification.inbox.TaskEvents.send(org.duban.notification.inbox.TaskEvents.record(dueTask.toString(),
                UUID.randomUUID().toString(), TaskEvents.REPORT_DUE.name(), dueAssignment.toString(),
                org.duban.notification.inbox.TaskEvents.json(due)));
        org.duban.notification.inbox.TaskEvents.send(org.duban.notification.inbox.TaskEvents.record(lateTask.toString(),
                UUID.randomUUID().toString(), TaskEvents.REPORT_OVERDUE.name(), lateAssignment.toString(),
                org.duban.notification.inbox.TaskEvents.json(late)));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, org.duban.notification.inbox.TaskEvents.inboxSize(dueUnit)));
        given().get("/api/v1/units/{code}/notifications", dueUnit).then()
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("task.report-due"))
                .body("items[0].title", equalTo("报送提醒：推进行政执法公示制度"))
                .body("items[0].body", equalTo("珠海市司法局：“推进行政执法公示制度”2026年第3季度进展请于2026年9月30日前报送，还剩2个工作日。"))
                .body("items[0].reason", equalTo("ASSIGNEE"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, org.duban.notification.inbox.TaskEvents.inboxSize(lateUnit)));
        given().get("/api/v1/units/{code}/notifications", lateUnit).then()
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("task.report-overdue"))
                .body("items[0].title", equalTo("逾期未报：推进行政执法公示制度"))
                .body("items[0].body", equalTo("珠海市司法局：“推进行政执法公示制度”2026年第3季度进展应于2026年9月30日前报送，至今未报，已逾期4个工作日，请尽快报送。"))
                .body("items[0].reason", equalTo("ASSIGNEE"));
        // one transaction tells every unit of an event: the unit's row is there, so a supervisor's would be too
        assertEquals(0, supervisorInboxFor(dueTask));
        assertEquals(0, supervisorInboxFor(lateTask));
    }

    private static TaskPart reportPart(UUID taskId, UUID assignmentId, String unit, int workingDaysLeft) {
        return new TaskPart(taskId, assignmentId, "推进行政执法公示制度", UUID.randomUUID(), "珠府办〔2020〕9号", "szfb",
                "珠海市人民政府办公室", unit, "珠海市司法局", TaskPart.Role.RESPONSIBLE, LocalDate.of(2026, 12, 31),
                workingDaysLeft);
    }

    @Test
    void submissionsGoToTheSupervisorAndAcceptancesToNobody() {
        String unit = org.duban.notification.inbox.TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        String key = taskId.toString();
        for (String[] step : new String[][]{{"task.accepted", "accept", "ASSIGNED", "ACCEPTED"},
                {"task.submitted", "submit", "ACCEPTED", "SUBMITTED"}}) {
            TaskTransition t = org.duban.notification.inbox.TaskEvents.transition(
                    org.duban.notification.inbox.TaskEvents.part(taskId, UUID.randomUUID(), unit, "珠海市发展和改革局",
                            "LEAD", "公开重大建设项目信息", LocalDate.of(2026, 12, 31)),
                    step[1], step[2], step[3], "unit:" + unit);
            org.duban.notification.inbox.TaskEvents.send(org.duban.notification.inbox.TaskEvents.record(key,
                    UUID.randomUUID().toString(), step[0], null, org.duban.notification.inbox.TaskEvents.json(t)));
        }

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, supervisorInboxFor(taskId)));
        given().queryParam("taskId", taskId.toString()).get("/api/v1/units/szfb/notifications").then()
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("task.submitted"))
                .body("items[0].reason", equalTo("SUPERVISOR"))
                .body("items[0].title", equalTo("待审核：珠海市发展和改革局报结“公开重大建设项目信息”"));
        assertEquals(0, org.duban.notification.inbox.TaskEvents.inboxSize(unit),
                "the unit is not told of its own acceptance or submission");
    }
}
