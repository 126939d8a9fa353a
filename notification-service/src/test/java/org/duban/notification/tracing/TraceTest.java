package org.duban.notification.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Issue 15: a task event's record carries the {@code traceparent} of task-service's relay send
 * (TaskTraceTest there); this service continues that trace: the consumer's CONSUMER span is its
 * child, the inbox insert a span below it, and the webhook call — made later by the delivery
 * worker — a CLIENT span of the same trace whose {@code traceparent} reaches the receiver.
 */
@QuarkusTest
class TraceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theConsumerTheInboxInsertAndTheWebhookCallContinueTheRecordsTrace() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String unit = TaskEvents.newUnit();
            String secret = given().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "unitCode", unit, "eventTypes", List.of()))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            receiver.verifyWith(secret);

            // the record as task-service's relay sends it: traceparent = the relay's PRODUCER span
            String traceId = hex(16);
            String producerSpanId = hex(8);
            UUID taskId = UUID.randomUUID();
            UUID assignmentId = UUID.randomUUID();
            ProducerRecord<String, String> record = TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(),
                    "task.assigned", assignmentId.toString(), TaskEvents.assignedJson(taskId, assignmentId, unit,
                            "单位" + unit, "LEAD", "链路追踪", "2026-12-31"));
            record.headers().add(new RecordHeader("traceparent",
                    ("00-" + traceId + "-" + producerSpanId + "-01").getBytes(StandardCharsets.UTF_8)));
            TaskEvents.send(record);

            Receiver.Received got = await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.received().stream().findFirst().orElse(null), r -> r != null);
            assertNotNull(got.traceparent(), "the webhook call sends a traceparent header");
            String[] tp = got.traceparent().split("-");
            assertEquals(traceId, tp[1], "the receiver gets the trace of the record");

            List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(
                    () -> spans.getFinishedSpanItems().stream().filter(s -> traceId.equals(s.getTraceId())).toList(),
                    t -> t.stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT && s.getSpanId().equals(tp[2])));
            SpanData consumer = only(trace, SpanKind.CONSUMER, "duban.task-events process");
            assertEquals(producerSpanId, consumer.getParentSpanId(), "the consumer's span is the record's child");
            SpanData insert = only(trace, SpanKind.INTERNAL, "inbox insert");
            assertEquals(consumer.getSpanId(), insert.getParentSpanId(), "the inbox insert runs in the consumer's span");
            SpanData call = only(trace, SpanKind.CLIENT, "POST");
            assertEquals(tp[2], call.getSpanId(), "the receiver's traceparent names the webhook call's span");
            assertEquals(insert.getSpanId(), call.getParentSpanId(),
                    "the webhook call continues the trace its delivery row was written in");
            assertEquals(204L, call.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey(
                    "http.response.status_code")));
        }
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind, String name) {
        List<SpanData> found = trace.stream().filter(s -> s.getKind() == kind && s.getName().equals(name)).toList();
        assertEquals(1, found.size(), kind + " " + name + " in " + trace);
        return found.get(0);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
