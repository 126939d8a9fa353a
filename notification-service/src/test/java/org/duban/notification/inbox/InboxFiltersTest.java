package org.duban.notification.inbox;

import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

@QuarkusTest
class InboxFiltersTest {

    private static void urge(UUID taskId, String unit, String title, String message) {
        UUID assignmentId = UUID.randomUUID();
        // 23 working days left, as task-service counted them on its calendar: the text says what the event says
        TaskPart part = new TaskPart(taskId, assignmentId, title, null, null, unit, "珠海市司法局", unit, "珠海市司法局",
                TaskPart.Role.LEAD, LocalDate.of(2026, 12, 31), 23);
        TaskTransition urge = new TaskTransition(part, "urge", TaskTransition.State.ACCEPTED, TaskTransition.State.ACCEPTED,
                "supervisor:zhangsan", OffsetDateTime.parse("2026-11-26T10:15:00+08:00"), null, message, null, null,
                null, null, null);
        // with a member a later producer may add: read leniently
        ObjectNode json = TaskEvents.JSON.valueToTree(urge);
        json.put("someNewField", 1);
        TaskEvents.send(TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.urged",
                assignmentId.toString(), json.toString()));
    }

    @Test
    void theInboxFiltersByTypeReadStateAndTaskAndMarksAllRead() {
        String unit = TaskEvents.newUnit();
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        TaskEvents.assign(t1, unit, "任务一");
        TaskEvents.assign(t2, unit, "任务二");
        urge(t1, unit, "任务一", "请于本周五前报送进展");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TaskEvents.inboxSize(unit)));

        given().queryParam("type", "task.urged").get("/api/v1/units/{code}/notifications", unit).then()
                .body("items", hasSize(1))
                .body("items[0].title", equalTo("催办：任务一"))
                .body("items[0].body", equalTo("珠海市司法局：请加快办理“任务一”，请于本周五前报送进展。办理期限为2026年12月31日，还剩23个工作日。"));
        given().queryParam("taskId", t1.toString()).get("/api/v1/units/{code}/notifications", unit).then()
                .body("items", hasSize(2));
        String id = given().queryParam("taskId", t2.toString()).get("/api/v1/units/{code}/notifications", unit)
                .then().extract().path("items[0].id");
        given().post("/api/v1/units/{code}/notifications/{id}/read", unit, id).then().statusCode(204);
        given().queryParam("read", true).get("/api/v1/units/{code}/notifications", unit).then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("unreadCount", equalTo(2));
        given().queryParam("read", false).queryParam("limit", 1).get("/api/v1/units/{code}/notifications", unit).then()
                .body("items", hasSize(1)).body("nextCursor", org.hamcrest.Matchers.notNullValue());

        given().post("/api/v1/units/{code}/notifications/read-all", unit).then().statusCode(200)
                .body("marked", equalTo(2)).body("unreadCount", equalTo(0));
        given().queryParam("read", false).get("/api/v1/units/{code}/notifications", unit).then()
                .body("items", hasSize(0)).body("unreadCount", equalTo(0));
        given().post("/api/v1/units/{code}/notifications/read-all", unit).then().body("marked", equalTo(0));
    }
}
