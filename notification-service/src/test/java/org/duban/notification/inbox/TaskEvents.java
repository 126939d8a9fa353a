package org.duban.notification.inbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.infra.DubanTopics;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.notification.Units;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Writes task events on duban.task-events as task-service's outbox relay does, and reads inboxes. */
public final class TaskEvents {
    private TaskEvents() {
    }

    /**
     * A fresh unit code, published on duban.units as the registry does: the consumer parks a task
     * event for a unit its replica does not know (issue 13).
     */
    public static String newUnit() {
        String code = unknownUnit();
        Units.publish(code, "测试单位" + code, "MUNICIPAL_DEPARTMENT", "[]");
        return code;
    }

    /** A fresh unit code nobody publishes: the registry has no such unit. */
    public static String unknownUnit() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String assignedJson(UUID taskId, UUID assignmentId, String unitCode, String unitName, String role,
                               String title, String deadline) {
        return """
                {"taskId":"%s","assignmentId":"%s","unitCode":"%s","unitName":"%s","role":"%s","title":"%s",\
                "deadline":%s,"assignedAt":"2026-11-26T17:30:00Z"}""".formatted(taskId, assignmentId, unitCode,
                unitName, role, title, deadline == null ? "null" : "\"" + deadline + "\"");
    }

    /** A binary-mode CloudEvent record; a null header value leaves that header out. */
    public static ProducerRecord<String, String> record(String key, String ceId, String ceType, String subject, String value) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", ceId);
        add(headers, "ce_type", ceType);
        add(headers, "ce_source", "/duban/task-service");
        add(headers, "ce_subject", subject);
        add(headers, "ce_time", Instant.now().toString());
        add(headers, "content-type", "application/json");
        return new ProducerRecord<>(DubanTopics.TASK_EVENTS, null, key, value, headers);
    }

    private static void add(List<org.apache.kafka.common.header.Header> headers, String name, String value) {
        if (value != null) {
            headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    public static void send(ProducerRecord<String, String> record) {
        KafkaProbe.send(TestInfra.get().bootstrapServers(), record);
    }

    /** Sends a valid task.assigned event for {@code unitCode} (key = the task id); returns the record. */
    public static ProducerRecord<String, String> assign(UUID taskId, String unitCode, String title) {
        UUID assignmentId = UUID.randomUUID();
        ProducerRecord<String, String> r = record(taskId.toString(), UUID.randomUUID().toString(), "task.assigned",
                assignmentId.toString(), assignedJson(taskId, assignmentId, unitCode, "单位" + unitCode, "LEAD", title,
                        "2026-12-31"));
        send(r);
        return r;
    }

    public static int inboxSize(String unitCode) {
        return given().queryParam("limit", 200).get("/api/v1/units/{code}/notifications", unitCode)
                .then().statusCode(200).extract().path("items.size()");
    }
}
