package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.consuming.Poison;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskAssigned;
import org.duban.events.task.TaskEvent;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static TaskPart part() {
        return TaskEvents.part(TASK, UUID.randomUUID(), "sfj", "珠海市司法局", "LEAD", "任务", LocalDate.of(2026, 12, 31));
    }

    /** A lifecycle event built from the record, as a JSON tree a test can change. */
    private static ObjectNode urged(TaskTransition t) {
        return (ObjectNode) TaskEvents.JSON.valueToTree(t);
    }

    @Test
    void aGoodEventIsReadIntoItsRecord() {
        TaskEvent d = EventRules.read(event("task.assigned", assigned("编制政务公开年度报告\\n（第二稿）", "2026-12-31")), JSON);
        assertTrue(d instanceof TaskAssigned);
        assertEquals("sfj", d.task().unitCode());
        assertEquals("编制政务公开年度报告\n（第二稿）", d.task().title());
        assertEquals(LocalDate.of(2026, 12, 31), d.task().deadline());
        TaskTransition urge = TaskEvents.transition(part(), "urge", "ACCEPTED", "ACCEPTED", "supervisor:zhangsan");
        assertEquals(urge, EventRules.read(event("task.urged", TaskEvents.json(urge)), JSON));
        // a member added by a later producer is ignored
        ObjectNode later = urged(urge);
        later.put("someNewField", 1);
        assertEquals(urge, EventRules.read(event("task.urged", later.toString()), JSON));
    }

    @Test
    void aTaskWithoutALeadUnitIsRead() {
        // the seed plan's tasks whose units all come from group phrases (各区政府（管委会）) have no lead unit
        TaskPart p = part();
        TaskPart noLead = new TaskPart(p.taskId(), p.assignmentId(), p.title(), p.planId(), p.documentNumber(), null, null,
                p.unitCode(), p.unitName(), TaskPart.Role.RESPONSIBLE, p.deadline(), p.workingDaysLeft());
        TaskTransition urge = TaskEvents.transition(noLead, "urge", "ACCEPTED", "ACCEPTED", "supervisor:zhangsan");
        TaskEvent read = EventRules.read(event("task.urged", TaskEvents.json(urge)), JSON);
        assertEquals(urge, read);
        assertEquals(null, read.task().leadUnitCode());
    }

    @Test
    void aControlCharacterAnywhereInTheDataIsRefused() {
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.assigned", assigned("编制\\u0000年度报告", "2026-12-31")));
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.assigned", assigned("编制\\u001b[31m年度报告", "2026-12-31")));
        // in a member the consumer does not even read
        ObjectNode extra = urged(TaskEvents.transition(part(), "urge", "ACCEPTED", "ACCEPTED", "supervisor:zhangsan"));
        extra.putObject("extra").putArray("note").add("a\u0007");
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.urged", extra.toString()));
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
        TaskTransition t = TaskEvents.transition(part(), "request-extension", "ACCEPTED", "ACCEPTED", "unit:sfj");
        assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.extension-requested", TaskEvents.json(new TaskTransition(
                t.task(), t.action(), t.fromState(), t.toState(), t.actor(), t.occurredAt(), "需协调", null, null, null,
                UUID.randomUUID(), LocalDate.of(2026, 12, 31), LocalDate.of(2101, 1, 1)))));
    }

    @Test
    void aReportEventIsReadWithItsTaskPartAndItsDueDateInRange() {
        ReportDue due = new ReportDue(part(), "2026-Q3", "2026年第3季度", 3, LocalDate.of(2026, 9, 30), 2, 7,
                java.time.OffsetDateTime.parse("2026-09-28T01:00:00Z"));
        assertEquals(due, EventRules.read(event("task.report-due", TaskEvents.json(due)), JSON));
        ReportOverdue far = new ReportOverdue(part(), "2101-Q1", "2101年第1季度", 1, LocalDate.of(2101, 3, 31), 1, 8,
                java.time.OffsetDateTime.parse("2026-09-28T01:00:00Z"));
        assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.report-overdue", TaskEvents.json(far)));
        // the flat shape of the first reporting-cycle release (no task part) is parked, not half told
        String flat = "{\"taskId\":\"" + TASK + "\",\"title\":\"任务\",\"assignmentId\":\"" + UUID.randomUUID()
                + "\",\"unitCode\":\"sfj\",\"unitName\":\"珠海市司法局\",\"period\":\"2026-Q3\","
                + "\"periodLabel\":\"2026年第3季度\",\"periodSeq\":3,\"dueDate\":\"2026-09-30\","
                + "\"workingDaysLeft\":2,\"reminderId\":7,\"dueAt\":\"2026-09-28T09:00:00+08:00\"}";
        Poison p = assertThrows(Poison.class, () -> EventRules.read(event("task.report-due", flat), JSON));
        assertEquals(Poison.INVALID, p.reason());
        assertTrue(p.getMessage().contains("lacks task"), p.getMessage());
    }

    /**
     * hcons4: data without a backslash or a refused character is read straight into its record, any other through a
     * tree whose every string is checked; both ways give the same record, and the same reasons for the same faults.
     */
    @Test
    void dataWithoutEscapesIsReadStraightAndEscapedDataThroughTheTreeToTheSameRecord() {
        String plain = assigned("编制政务公开年度报告", "2026-12-31");
        String escaped = plain.replace("编制", "\\u7f16\\u5236"); // 编制, written as escapes
        assertTrue(EventRules.plain(plain));
        assertTrue(EventRules.plain("\n  " + plain), "white space before the object, raw line breaks are allowed");
        assertFalse(EventRules.plain(escaped));
        assertFalse(EventRules.plain("[1,2]"));
        assertFalse(EventRules.plain("   "));
        assertFalse(EventRules.plain(plain.replace("编制", "编\u007f制")), "a refused character as it stands");
        IncomingEvent e = event("task.assigned", plain);
        assertEquals(EventRules.read(e, JSON),
                EventRules.read(new IncomingEvent(e.id(), e.type(), e.source(), e.subject(), e.key(), escaped), JSON));
        // the same faults, read straight or through the tree: the same reasons
        for (String data : new String[]{plain, escaped}) {
            assertEquals(Poison.UNREADABLE, refused("task.assigned", data.substring(0, data.length() - 3)), data);
            assertEquals(Poison.INVALID, refused("task.assigned", data.replace("\"LEAD\"", "\"BOSS\"")), data);
            assertEquals(Poison.INVALID, refused("task.assigned", data.replace("2026-12-31", "not-a-date")), data);
            assertEquals(Poison.DATE_OUT_OF_RANGE, refused("task.assigned", data.replace("2026-12-31", "9999-12-31")), data);
        }
        assertEquals(Poison.CONTROL_CHARACTER, refused("task.assigned", plain.replace("编制", "编\\u007f制")));
    }

    @Test
    void unreadableOrIncompleteDataIsRefusedWithItsReason() {
        assertEquals(Poison.UNREADABLE, refused("task.assigned", "{not json"));
        assertEquals(Poison.UNREADABLE, refused("task.assigned", null));
        assertEquals(Poison.INVALID, refused("task.assigned", "[1,2]"));
        assertEquals(Poison.INVALID, refused("task.assigned", assigned("任务", "2026-12-31").replace("\"LEAD\"", "\"BOSS\"")));
        assertEquals(Poison.INVALID, refused("task.assigned", assigned("任务", "not-a-date")));
        assertEquals(Poison.INVALID, refused("task.urged", "{\"taskId\":\"" + TASK + "\"}"));
        // the task part without a member that is never null (TaskPart.NOT_NULL): the text could not name it
        for (String member : TaskPart.NOT_NULL) {
            ObjectNode e = urged(TaskEvents.transition(part(), "urge", "ACCEPTED", "ACCEPTED", "supervisor:zhangsan"));
            ((ObjectNode) e.get("task")).putNull(member);
            Poison p = assertThrows(Poison.class, () -> EventRules.read(event("task.urged", e.toString()), JSON));
            assertEquals(Poison.INVALID, p.reason(), member);
            assertTrue(p.getMessage().contains("task." + member), p.getMessage());
        }
        // a type that is not one of the catalogue's task events is not read as one
        assertEquals(Poison.INVALID, refused("plan.published", "{}"));
        assertEquals(Poison.INVALID, refused("task.created", "{}"));
    }
}
