package org.duban.notification.inbox;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotificationTextTest {

    private static TaskAssigned assigned(String unitName, TaskAssigned.Role role, LocalDate deadline) {
        return new TaskAssigned(UUID.randomUUID(), UUID.randomUUID(), "sfj", unitName, role, "编制政务公开年度报告",
                deadline, OffsetDateTime.parse("2026-11-26T17:30:00Z"));
    }

    @Test
    void aLeadUnitIsToldTheTaskTheDeadlineAndItsRole() {
        NotificationText.Text t = NotificationText.taskAssigned(
                assigned("珠海市司法局", TaskAssigned.Role.LEAD, LocalDate.of(2026, 12, 31)));
        assertEquals("新任务：编制政务公开年度报告", t.title());
        assertEquals("珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（牵头单位）。", t.body());
    }

    @Test
    void aResponsibleUnitIsAResponsibleUnit() {
        NotificationText.Text t = NotificationText.taskAssigned(
                assigned("珠海市司法局", TaskAssigned.Role.RESPONSIBLE, LocalDate.of(2026, 12, 31)));
        assertEquals("珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（责任单位）。", t.body());
    }

    @Test
    void datesHaveNoLeadingZeros() {
        assertEquals("2027年1月5日", NotificationText.date(LocalDate.of(2027, 1, 5)));
    }

    @Test
    void withoutDeadlineOrNameItStillReads() {
        NotificationText.Text t = NotificationText.taskAssigned(assigned(null, TaskAssigned.Role.LEAD, null));
        assertEquals("sfj：请完成“编制政务公开年度报告”（牵头单位）。", t.body());
    }
}
