package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.consuming.Poison;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final UUID TASK = UUID.fromString("9f1c7d3e-2b4a-4c7e-9a1b-3d5e7f9a1b2c");

    private static IncomingEvent event(String type, String data) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, "/duban/task-service", null, TASK.toString(), data);
    }

    private static String assigned(String title, String deadline) {
        return TaskEvents.assignedJson(TASK, UUID.randomUUID(), "sfj", "珠海市司法局", "LEAD", title, deadline);
    }

    private static String refused(String type, String data) {
        return assertThrows(Poison.class, () -> EventRules.read(event(type, data), JSON)).reason();
    }

    @Test
    void aGoodEventIsRead() {
        TaskEventData d = EventRules.read(event("task.assigned", assigned("编制政务公开年度报告\\n（第二稿）", "2026-12-31")), JSON);
        assertEquals("sfj", d.unitCode());
        assertEquals(LocalDate.of(2026, 12, 31), d.deadline());
    }

    @Test
    void aControlCharacterAnywhereInTheDataIsRefused() {
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.assigned", assigned("编制\\u0000年度报告", "2026-12-31")));
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.assigned", assigned("编制\\u001b[31m年度报告", "2026-12-31")));
        // in a member the consumer does not even read
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.urged",
                "{\"taskId\":\"" + TASK + "\",\"unitCode\":\"sfj\",\"extra\":{\"note\":[\"a\\u0007\"]}}"));
        Poison p = assertThrows(Poison.class, () -> EventRules.checkEnvelope(
                new IncomingEvent("id\u0000", "task.assigned", null, null, null, "{}")));
        assertEquals(Poison.CONTROL_CHARACTER, p.reason());
        assertTrue(p.getMessage().contains("ce_id"), p.getMessage());
    }

    @Test
    void aDateOutsideTheRangeIsRefused() {
        assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.assigned", assigned("远期任务", "9999-12-31")));
        assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.assigned", assigned("远期任务", "+999999999-12-31")));
        assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.assigned", assigned("远古任务", "1999-12-31")));
        assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.extension-requested",
                "{\"taskId\":\"" + TASK + "\",\"unitCode\":\"sfj\",\"requestedDeadline\":\"2101-01-01\"}"));
    }

    @Test
    void unreadableOrIncompleteDataIsRefusedWithItsReason() {
        assertEquals(Poison.UNREADABLE, refused("task.assigned", "{not json"));
        assertEquals(Poison.UNREADABLE, refused("task.assigned", null));
        assertEquals(Poison.INVALID, refused("task.assigned", "[1,2]"));
        assertEquals(Poison.INVALID, refused("task.assigned", assigned("任务", "2026-12-31").replace("\"LEAD\"", "\"BOSS\"")));
        assertEquals(Poison.INVALID, refused("task.assigned", assigned("任务", "not-a-date")));
        assertEquals(Poison.INVALID, refused("task.urged", "{\"taskId\":\"" + TASK + "\"}"));
    }
}
