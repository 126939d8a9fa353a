package org.duban.notification.inbox;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.duban.events.task.TaskAssigned;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TaskEventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aTaskAssignedEventPutsOneNotificationInTheUnitsInbox() {
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        UUID assignmentId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        TaskEvents.send(TaskEvents.record(taskId.toString(), eventId, "task.assigned", assignmentId.toString(),
                TaskEvents.assignedJson(taskId, assignmentId, unit, "珠海市司法局", "LEAD", "编制政务公开年度报告", "2026-12-31")));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
        given().get("/api/v1/units/{code}/notifications", unit)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", notNullValue())
                .body("items[0].eventId", equalTo(eventId))
                .body("items[0].type", equalTo("task.assigned"))
                .body("items[0].taskId", equalTo(taskId.toString()))
                .body("items[0].assignmentId", equalTo(assignmentId.toString()))
                .body("items[0].title", equalTo("新任务：编制政务公开年度报告"))
                .body("items[0].body", equalTo("珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（牵头单位）。"))
                .body("items[0].deadline", equalTo("2026-12-31"))
                .body("items[0].createdAt", notNullValue())
                .body("items[0].read", equalTo(false))
                .body("nextCursor", equalTo(null))
                .body("unreadCount", equalTo(1));
    }

    @Test
    void aResponsibleUnitIsToldItsRole() {
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        UUID assignmentId = UUID.randomUUID();
        TaskEvents.send(TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.assigned",
                assignmentId.toString(),
                TaskEvents.assignedJson(taskId, assignmentId, unit, "香洲区政府", "RESPONSIBLE", "清理过期文件", "2027-01-05")));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
        given().get("/api/v1/units/{code}/notifications", unit)
                .then().statusCode(200)
                .body("items[0].body", equalTo("香洲区政府：请于2027年1月5日前完成“清理过期文件”（责任单位）。"));
    }

    @Test
    void theSameEventDeliveredAgainChangesNothing() {
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        ProducerRecord<String, String> first = TaskEvents.assign(taskId, unit, "第一项任务");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));

        // the same record again (same ce_id), then a marker event with the same key: same
        // partition, so once the marker is in, the duplicate has been consumed before it
        TaskEvents.send(new ProducerRecord<>(first.topic(), null, first.key(), first.value(), first.headers()));
        String markerUnit = TaskEvents.newUnit();
        TaskEvents.assign(taskId, markerUnit, "标记任务");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(markerUnit)));

        assertEquals(1, TaskEvents.inboxSize(unit), "the duplicate created no second notification");
        given().get("/api/v1/units/{code}/notifications", unit)
                .then().body("unreadCount", equalTo(1));
    }

    @Test
    void unreadableRecordsAreParkedAndLaterEventsStillArrive() {
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        String key = taskId.toString();
        UUID assignmentId = UUID.randomUUID();
        String valid = TaskEvents.assignedJson(taskId, assignmentId, unit, "单位", "LEAD", "坏记录之后", "2026-12-31");

        // no ce_id: not a CloudEvent
        TaskEvents.send(TaskEvents.record(key, null, "task.assigned", assignmentId.toString(), valid));
        // a CloudEvent whose data is not JSON
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.assigned", null, "{not json"));
        // JSON of the wrong shape: an unknown role
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.assigned", null,
                valid.replace("\"LEAD\"", "\"BOSS\"")));
        // the record without the unit
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.assigned", null,
                TaskEvents.json(new TaskAssigned(TaskEvents.part(taskId, assignmentId, null, "单位", "LEAD", "x",
                        LocalDate.of(2026, 12, 31)), OffsetDateTime.now()))));
        // a type nobody knows: recorded as processed, nobody told
        TaskEvents.send(TaskEvents.record(key, UUID.randomUUID().toString(), "task.created", null,
                "{\"taskId\":\"" + taskId + "\"}"));
        // and then a valid event with the same key (same partition: consumed after all of them)
        String eventId = UUID.randomUUID().toString();
        TaskEvents.send(TaskEvents.record(key, eventId, "task.assigned", assignmentId.toString(), valid));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
        given().get("/api/v1/units/{code}/notifications", unit)
                .then().body("items[0].eventId", equalTo(eventId))
                .body("items[0].title", equalTo("新任务：坏记录之后"));
    }
}
