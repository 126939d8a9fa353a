package org.duban.notification.template;

import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.Overdue;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskAssigned;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The template data comes from the event alone: its task part and its own members, nothing else. */
class TemplateModelTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-26T02:00:00Z");

    private static TaskPart part(Integer workingDaysLeft) {
        return new TaskPart(UUID.randomUUID(), UUID.randomUUID(), "推进行政执法公示制度", UUID.randomUUID(), "珠府办〔2020〕9号",
                "sfj", "珠海市司法局", "gaj", "珠海市公安局", TaskPart.Role.RESPONSIBLE, LocalDate.of(2026, 12, 31),
                workingDaysLeft);
    }

    @Test
    void theTaskPartNamesTheTaskThePlanTheLeadAndTheUnit() {
        Map<String, Object> m = TemplateModel.of(new TaskAssigned(part(23), AT), "珠海市公安局", "http://x/tasks/1");
        assertEquals("珠海市公安局", m.get("addressee"));
        assertEquals("珠海市公安局", m.get("unitName"));
        assertEquals("推进行政执法公示制度", m.get("title"));
        assertEquals("责任单位", m.get("role"));
        assertEquals("2026年12月31日", m.get("deadline"));
        assertEquals("珠府办〔2020〕9号", m.get("documentNumber"));
        assertEquals("珠海市司法局", m.get("leadUnitName"));
        assertEquals(23, m.get("daysLeft"));
        assertFalse(m.containsKey("daysOverdue"));
    }

    @Test
    void workingDaysAreTheEventsCountNeverRecountedHere() {
        assertEquals(7, TemplateModel.of(new DeadlineApproaching(part(99), 7, 5, 1, AT), "a", "l").get("daysLeft"));
        assertEquals(4, TemplateModel.of(new Overdue(part(-99), 4, 4, 1, AT), "a", "l").get("daysOverdue"));
        TaskTransition late = new TaskTransition(part(-2), "urge", TaskTransition.State.ACCEPTED,
                TaskTransition.State.ACCEPTED, "supervisor:zhangsan", AT, null, "请抓紧", null, null, null, null, null);
        Map<String, Object> m = TemplateModel.of(late, "a", "l");
        assertEquals(2, m.get("daysOverdue"));
        assertFalse(m.containsKey("daysLeft"));
        assertEquals("请抓紧", m.get("message"));
        Map<String, Object> closed = TemplateModel.of(new TaskTransition(part(null), "complete",
                TaskTransition.State.SUBMITTED, TaskTransition.State.COMPLETED, "supervisor:zhangsan", AT, null, null,
                null, null, null, null, null), "a", "l");
        assertFalse(closed.containsKey("daysLeft") || closed.containsKey("daysOverdue"));
    }

    @Test
    void aReportEventAddsItsPeriodBesideTheTasksOwnDeadline() {
        Map<String, Object> due = TemplateModel.of(new ReportDue(part(23), "2026-Q4", "2026年第4季度", 4,
                LocalDate.of(2026, 12, 31), 2, 1, AT), "a", "l");
        assertEquals("2026-Q4", due.get("period"));
        assertEquals("2026年第4季度", due.get("periodLabel"));
        assertEquals("2026年12月31日", due.get("dueDate"));
        assertEquals(2, due.get("reportDaysLeft"));
        assertEquals(23, due.get("daysLeft"), "the task's own working days, from its part");
        assertFalse(due.containsKey("reportDaysOverdue"));
        Map<String, Object> late = TemplateModel.of(new ReportOverdue(part(40), "2026-Q3", "2026年第3季度", 3,
                LocalDate.of(2026, 9, 30), 3, 1, AT), "a", "l");
        assertEquals("2026年第3季度", late.get("periodLabel"));
        assertEquals("2026年9月30日", late.get("dueDate"));
        assertEquals(3, late.get("reportDaysOverdue"));
        assertFalse(late.containsKey("reportDaysLeft"));
    }
}
