package org.duban.common.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventLogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aRecordsCloudEventIdAndTypeAreInTheMdcUntilTheContextClosesThenNothingIsLeft() {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("duban.task-events", 0, 7, "k", "{}");
        r.headers().add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", "task.assigned".getBytes(StandardCharsets.UTF_8));
        try (EventLogContext ignored = EventLogContext.of(r)) {
            EventLogContext.unitCode("440400-fgw");
            assertEquals("e-1", MDC.get("eventId"));
            assertEquals("task.assigned", MDC.get("eventType"));
            assertEquals("440400-fgw", MDC.get("unitCode"));
        }
        assertNull(MDC.get("eventId"));
        assertNull(MDC.get("eventType"));
        assertNull(MDC.get("unitCode"));
    }

    @Test
    void aNestedContextPutsBackTheOuterOneAndLeavesOtherKeysAlone() {
        MDC.put("traceId", "0af7651916cd43dd8448eb211c80319c");
        try (EventLogContext outer = EventLogContext.of("outer", "task.assigned").with(EventLogContext.UNIT_CODE, "u1")) {
            try (EventLogContext inner = EventLogContext.of("inner", "unit.snapshot")) {
                assertEquals("inner", MDC.get("eventId"));
                assertNull(MDC.get("unitCode"), "the inner event names no unit: the outer one's is not shown");
            }
            assertEquals("outer", MDC.get("eventId"));
            assertEquals("task.assigned", MDC.get("eventType"));
            assertEquals("u1", MDC.get("unitCode"));
        }
        assertNull(MDC.get("eventId"));
        assertEquals("0af7651916cd43dd8448eb211c80319c", MDC.get("traceId"), "the trace's keys are not ours");
    }

    @Test
    void aRecordWithoutCloudEventHeadersNamesNoEventAndOnlyEventKeysMayBeAdded() {
        try (EventLogContext c = EventLogContext.of(new ConsumerRecord<>("t", 0, 0, "k", "v"))) {
            assertNull(MDC.get("eventId"));
            assertThrows(IllegalArgumentException.class, () -> c.with("traceId", "x"));
        }
    }
}
