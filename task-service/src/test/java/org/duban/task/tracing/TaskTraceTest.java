package org.duban.task.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: {@code POST /api/v1/tasks}, the commit, the outbox row and the relay's send are one
 * trace — the record on duban.task-events carries a {@code traceparent} of the POST's trace, whose
 * parent span is the relay's PRODUCER span (notification-service's TraceTest takes it from there).
 */
@QuarkusTest
class TaskTraceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    InMemorySpanExporter spans;

    @Test
    void thePostItsOutboxRowAndTheRelaySendAreOneTraceCarriedOnTheRecord() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String lead = "sfj-" + suffix;
        RegistryUnits.seed(lead, "珠海市司法局" + suffix);
        // the caller's trace: the POST continues it, so this test knows which trace is its own
        String traceId = hex(16);
        String callerSpanId = hex(8);

        String taskId = given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .body("""
                        {"title":"编制并发布2020年政务公开工作年度报告","deadline":"2020-12-31","unitCodes":["%s"]}"""
                        .formatted(lead))
                .when().post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");

        // the record the relay put on Kafka
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(10)).until(
                () -> KafkaProbe.readAll(TestInfra.get().bootstrapServers(), "duban.task-events").stream()
                        .filter(r -> taskId.equals(r.key())).findFirst().orElse(null), r -> r != null);
        List<String> traceparents = StreamSupport.stream(record.headers().headers("traceparent").spliterator(), false)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(1, traceparents.size(), "exactly one traceparent header: " + traceparents);
        String[] tp = traceparents.get(0).split("-");
        assertEquals(traceId, tp[1], "the record continues the POST's trace");

        // the spans: the POST (SERVER), and the relay's send (PRODUCER) in the same trace
        Map<String, SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> spansOf(traceId),
                s -> s.values().stream().anyMatch(x -> x.getKind() == SpanKind.PRODUCER)
                        && s.values().stream().anyMatch(x -> x.getKind() == SpanKind.SERVER));
        SpanData post = trace.values().stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals(callerSpanId, post.getParentSpanId(), "the POST continues the caller's span");
        assertTrue(post.getName().startsWith("POST") && post.getName().endsWith("/tasks"), post.getName());

        SpanData send = trace.get(tp[2]);
        assertNotNull(send, "the record's parent span is a span of this trace: " + trace.keySet());
        assertEquals(SpanKind.PRODUCER, send.getKind());
        assertTrue(send.getName().contains("duban.task-events"), send.getName());
        // the send hangs below the POST (through the span current when the row was written)
        assertTrue(descendsFrom(send, post, trace), "the relay's send is a descendant of the POST's span");
    }

    private Map<String, SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> traceId.equals(s.getTraceId()))
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
    }

    private static boolean descendsFrom(SpanData span, SpanData ancestor, Map<String, SpanData> trace) {
        for (SpanData s = span; s != null; s = trace.get(s.getParentSpanId())) {
            if (s.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
