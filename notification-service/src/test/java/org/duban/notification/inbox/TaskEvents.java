package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.duban.events.task.TaskAssigned;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.infra.DubanTopics;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.notification.Units;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Writes task events on duban.task-events as task-service's outbox relay does — its records of the events module,
 * serialised as its outbox does — and reads inboxes.
 */
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

    /**
     * The events module's records, serialised as task-service's outbox does (issue 18: the consumer's tests build
     * events from the producer's records, never hand-written JSON). Quarkus's ObjectMapper defaults.
     */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The lead unit of the tasks these helpers build when the unit told is not the lead itself. */
    public static final String LEAD = "sfj";
    public static final String LEAD_NAME = "珠海市司法局";

    /** A record as JSON, as the outbox writes it. */
    public static String json(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The task part of a task outside a plan: a LEAD unit leads it, a RESPONSIBLE one has {@link #LEAD}; working
     * days left: null (the templates then say none).
     */
    public static TaskPart part(UUID taskId, UUID assignmentId, String unitCode, String unitName, String role,
                                String title, LocalDate deadline) {
        boolean lead = "LEAD".equals(role);
        return new TaskPart(taskId, assignmentId, title, null, null, lead ? unitCode : LEAD, lead ? unitName : LEAD_NAME,
                unitCode, unitName, TaskPart.Role.valueOf(role), deadline, null);
    }

    /**
     * task.assigned as task-service writes it ({@link TaskAssigned}). {@code title} and {@code deadline} are put in
     * the JSON as written here, so a test can send a JSON escape (a control character) or a date the record could
     * not hold.
     */
    public static String assignedJson(UUID taskId, UUID assignmentId, String unitCode, String unitName, String role,
                                      String title, String deadline) {
        String json = json(new TaskAssigned(part(taskId, assignmentId, unitCode, unitName, role, "@title@",
                LocalDate.of(2000, 1, 1)), OffsetDateTime.parse("2026-11-26T17:30:00Z")));
        return json.replace("\"@title@\"", "\"" + title + "\"")
                .replace("\"deadline\":\"2000-01-01\"", "\"deadline\":" + (deadline == null ? "null" : "\"" + deadline + "\""));
    }

    /** A lifecycle event of the assignment as task-service writes it ({@link TaskTransition}). */
    public static TaskTransition transition(TaskPart part, String action, String from, String to, String actor) {
        return new TaskTransition(part, action, from == null ? null : TaskTransition.State.valueOf(from),
                TaskTransition.State.valueOf(to), actor, OffsetDateTime.parse("2026-11-26T02:15:00Z"), null, null,
                null, null, null, null, null);
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
