package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line the consumer logs while it applies an event, formatted as production formats it (Quarkus'
 * JSON formatter, quarkus-logging-json, on in the prod profile): one JSON object whose {@code mdc}
 * names the event, its type and its unit (issue 15). No test profile (no restart): a handler with that
 * formatter is added to the root logger for the test, and the consumer's category set to DEBUG.
 */
@QuarkusTest
class EventLogLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATEGORY = TaskEventConsumer.class.getName();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JsonFormatter formatter = new JsonFormatter();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            // formatted on the logging thread, as the console handler does: the MDC is that thread's
            lines.add(formatter.format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeEach
    void capture() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        level = Logger.getLogger(CATEGORY).getLevel();
        Logger.getLogger(CATEGORY).setLevel(org.jboss.logmanager.Level.DEBUG);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger(CATEGORY).setLevel(level);
    }

    @Test
    void aLineLoggedWhileAnEventIsAppliedIsJsonWithTheEventIdItsTypeAndUnit() throws Exception {
        String unit = TaskEvents.newUnit();
        ProducerRecord<String, String> sent = TaskEvents.assign(UUID.randomUUID(), unit, "日志带事件号");
        String eventId = new String(sent.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);

        JsonNode line = await().atMost(Duration.ofSeconds(30)).until(() -> applied(eventId), Optional::isPresent).get();

        JsonNode mdc = line.path("mdc");
        assertEquals(eventId, mdc.path("eventId").asText(), line.toString());
        assertEquals("task.assigned", mdc.path("eventType").asText(), line.toString());
        assertEquals(unit, mdc.path("unitCode").asText(), line.toString());
        assertEquals(CATEGORY, line.path("loggerName").asText(), line.toString());
        // the consumer runs in a span (OpenTelemetry is on in the test profile): Quarkus puts its ids into the MDC
        assertTrue(mdc.path("traceId").asText().matches("[0-9a-f]{32}"), line.toString());
        assertTrue(mdc.path("spanId").asText().matches("[0-9a-f]{16}"), line.toString());
    }

    /** The consumer's "applied" line of {@code eventId}, parsed. */
    private Optional<JsonNode> applied(String eventId) throws Exception {
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            if (n.path("message").asText().contains("event " + eventId + " (task.assigned) applied")) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
