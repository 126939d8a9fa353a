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

@QuarkusTest
class InboxFiltersTest {

    /** The working days left are counted on the service's calendar (the replica of task-service's). */
    @jakarta.inject.Inject
    org.duban.common.calendar.WorkingDays calendar;

    private static void urge(UUID taskId, String unit, String title, String message) {
        UUID assignmentId = UUID.randomUUID();
        TaskEvents.send(TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.urged",
                assignmentId.toString(), """
                        {"taskId":"%s","assignmentId":"%s","unitCode":"%s","unitName":"珠海市司法局","role":"LEAD",
                         "title":"%s","action":"urge","fromState":"ACCEPTED","toState":"ACCEPTED","actor":"supervisor:zhangsan",
                         "occurredAt":"2026-11-26T10:15:00+08:00","deadline":"2026-12-31","message":"%s","someNewField":1}"""
                        .formatted(taskId, assignmentId, unit, title, message)));
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
                .body("items[0].body", equalTo("珠海市司法局：请加快办理“任务一”，请于本周五前报送进展。办理期限为2026年12月31日，还剩"
                        + calendar.workingDaysBetween(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")),
                        java.time.LocalDate.of(2026, 12, 31)) + "个工作日。"));
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
