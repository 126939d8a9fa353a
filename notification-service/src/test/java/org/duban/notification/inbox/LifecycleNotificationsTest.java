package org.duban.notification.inbox;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who is told of lifecycle events and reminders, and what the templates say (supervisor: szfb). */
@QuarkusTest
class LifecycleNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static int supervisorInboxFor(UUID taskId) {
        return given().queryParam("taskId", taskId.toString()).get("/api/v1/units/szfb/notifications")
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void remindersNameTheLeadAndDocumentAndOverdueBeyondTheThresholdIsEscalated() {
        String lead = TaskEvents.newUnit();
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        String key = taskId.toString();
        // the lead's task.assigned carries (leniently read) the plan's document number
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.assigned", null,
                TaskEvents.assignedJson(taskId, UUID.randomUUID(), lead, "珠海市司法局", "LEAD", "推进行政执法公示制度", "2026-06-30")
                        .replace("}", ",\"documentNumber\":\"珠府办〔2020〕9号\"}")));
        UUID assignmentId = UUID.randomUUID();
        // a reminder as task-service's ReminderEvents.Overdue writes it: no title, no unit name
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.overdue", assignmentId.toString(), """
                {"taskId":"%s","assignmentId":"%s","unitCode":"%s","deadline":"2026-06-30","daysOverdue":5,
                 "threshold":5,"reminderId":42,"dueAt":"2026-07-08T09:00:00+08:00"}""".formatted(taskId, assignmentId, unit)));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
        given().get("/api/v1/units/{code}/notifications", unit).then()
                .body("items[0].type", equalTo("task.overdue"))
                .body("items[0].title", equalTo("已超期：推进行政执法公示制度"))
                // the reminder names no unit: its name comes from the replica (TaskEvents.newUnit published it)
                .body("items[0].body", equalTo("测试单位" + unit + "：“推进行政执法公示制度”的办理期限2026年6月30日已过，已超期5个工作日，请尽快办结并报送。"))
                .body("items[0].leadUnitName", equalTo("珠海市司法局"))
                .body("items[0].documentNumber", equalTo("珠府办〔2020〕9号"))
                .body("items[0].link", equalTo("http://localhost:8080/tasks/" + taskId))
                .body("items[0].reason", equalTo("ASSIGNEE"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, supervisorInboxFor(taskId)));
        given().queryParam("taskId", taskId.toString()).get("/api/v1/units/szfb/notifications").then()
                .body("items[0].reason", equalTo("ESCALATION"))
                .body("items[0].title", equalTo("超期督办：测试单位" + unit + "“推进行政执法公示制度”"));
    }

    @Test
    void submissionsGoToTheSupervisorAndAcceptancesToNobody() {
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        String key = taskId.toString();
        String transition = """
                {"taskId":"%s","assignmentId":"%s","unitCode":"%s","unitName":"珠海市发展和改革局","role":"LEAD",
                 "title":"公开重大建设项目信息","action":"%s","fromState":"ACCEPTED","toState":"SUBMITTED",
                 "actor":"unit:%s","occurredAt":"2026-11-26T10:15:00+08:00","deadline":"2026-12-31"}""";
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.accepted", null,
                transition.formatted(taskId, UUID.randomUUID(), unit, "accept", unit)));
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.submitted", null,
                transition.formatted(taskId, UUID.randomUUID(), unit, "submit", unit)));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, supervisorInboxFor(taskId)));
        given().queryParam("taskId", taskId.toString()).get("/api/v1/units/szfb/notifications").then()
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("task.submitted"))
                .body("items[0].reason", equalTo("SUPERVISOR"))
                .body("items[0].title", equalTo("待审核：珠海市发展和改革局报结“公开重大建设项目信息”"));
        assertEquals(0, TaskEvents.inboxSize(unit), "the unit is not told of its own acceptance or submission");
    }
}
