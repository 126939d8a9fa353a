package org.duban.events;

import org.duban.events.calendar.CalendarEvents;
import org.duban.events.calendar.CalendarYear;
import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.Overdue;
import org.duban.events.task.PlanPublished;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskAssigned;
import org.duban.events.task.TaskEvents;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;
import org.duban.events.unit.UnitEvents;
import org.duban.events.unit.UnitGroupSnapshot;
import org.duban.events.unit.UnitSnapshot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.duban.events.task.TaskTransition.State.ACCEPTED;
import static org.duban.events.task.TaskTransition.State.ASSIGNED;
import static org.duban.events.task.TaskTransition.State.CANCELLED;
import static org.duban.events.task.TaskTransition.State.COMPLETED;
import static org.duban.events.task.TaskTransition.State.IN_PROGRESS;
import static org.duban.events.task.TaskTransition.State.RETURNED;
import static org.duban.events.task.TaskTransition.State.SUBMITTED;

/** One example instance of every event type, as its producer writes it (the members each type fills). */
final class Examples {
    private Examples() {
    }

    static final UUID TASK = UUID.fromString("6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e");
    static final UUID ASSIGNMENT = UUID.fromString("0b6f2a4e-2a7b-4d3c-8f0e-5d1c2b3a4f5e");
    static final UUID PLAN = UUID.fromString("3d0f1c2b-5a6e-4f70-8b9c-0d1e2f3a4b5c");
    static final OffsetDateTime AT = OffsetDateTime.parse("2020-11-02T02:15:00Z");

    static TaskPart part(Integer workingDaysLeft) {
        return new TaskPart(TASK, ASSIGNMENT, "推进行政执法公示制度", PLAN, "珠府办〔2020〕9号", "sfj", "珠海市司法局",
                "gaj", "珠海市公安局", TaskPart.Role.RESPONSIBLE, LocalDate.of(2020, 12, 31), workingDaysLeft);
    }

    /** A task outside a plan, with no deadline: the members that may be null are null. */
    static TaskPart bare() {
        return new TaskPart(TASK, ASSIGNMENT, "推进行政执法公示制度", null, null, "sfj", "珠海市司法局", "sfj",
                "珠海市司法局", TaskPart.Role.LEAD, null, null);
    }

    private static TaskTransition transition(String action, TaskTransition.State from, TaskTransition.State to) {
        return new TaskTransition(part(40), action, from, to, "unit:gaj", AT, null, null, null, null, null, null, null);
    }

    /** By type name, in the catalogue's order. */
    static Map<String, Object> all() {
        UUID ext = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        LocalDate dec31 = LocalDate.of(2020, 12, 31);
        LocalDate jan31 = LocalDate.of(2021, 1, 31);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(UnitEvents.UNIT_SNAPSHOT.name(), new UnitSnapshot("szfb", "珠海市人民政府办公室", "市政府办公室",
                List.of("市府办", "市政府办"), UnitSnapshot.Type.MUNICIPAL_DEPARTMENT, "szf", List.of("openness-office"),
                List.of(new UnitSnapshot.Contact("陈晓明（示例）", "0756-2100001", "gongkai@szfb.zhuhai.example", true),
                        new UnitSnapshot.Contact("李四（示例）", null, null, false)),
                null, null, List.of(), List.of(), true, 0));
        m.put(UnitEvents.GROUP_SNAPSHOT.name(), new UnitGroupSnapshot("gqzf-gwh", "各区政府（管委会）",
                List.of("各区（管委会）", "各区"), UnitGroupSnapshot.Kind.RULE,
                new UnitGroupSnapshot.Rule(List.of("DISTRICT", "ZONE_COMMITTEE"), List.of(), null), List.of(),
                List.of("xzq", "dmq", "jwq"), false, true, 3));
        m.put(TaskEvents.ASSIGNED.name(), new TaskAssigned(part(42), AT));
        m.put(TaskEvents.ACCEPTED.name(), new TaskTransition(part(40), "accept", ASSIGNED, ACCEPTED, "unit:gaj", AT,
                "已签收", null, null, null, null, null, null));
        m.put(TaskEvents.PROGRESS_REPORTED.name(), new TaskTransition(part(30), "report-progress", ACCEPTED,
                IN_PROGRESS, "unit:gaj", AT, null, null, 60, "已完成制度起草", null, null, null));
        m.put(TaskEvents.SUBMITTED.name(), new TaskTransition(part(5), "submit", IN_PROGRESS, SUBMITTED, "unit:gaj",
                AT, "已全部完成", null, null, null, null, null, null));
        m.put(TaskEvents.COMPLETED.name(), new TaskTransition(part(null), "complete", SUBMITTED, COMPLETED,
                "supervisor:zhangsan", AT, null, null, null, null, null, null, null));
        m.put(TaskEvents.SENT_BACK.name(), new TaskTransition(part(4), "send-back", SUBMITTED, IN_PROGRESS,
                "supervisor:zhangsan", AT, "材料不全", null, null, null, null, null, null));
        m.put(TaskEvents.RETURNED.name(), new TaskTransition(part(null), "return", ASSIGNED, RETURNED, "unit:gaj", AT,
                "不属于本单位职责", null, null, null, null, null, null));
        m.put(TaskEvents.EXTENSION_REQUESTED.name(), new TaskTransition(part(10), "request-extension", IN_PROGRESS,
                IN_PROGRESS, "unit:gaj", AT, "需协调多个部门", null, null, null, ext, dec31, jan31));
        m.put(TaskEvents.EXTENSION_APPROVED.name(), new TaskTransition(part(30), "approve-extension", IN_PROGRESS,
                IN_PROGRESS, "supervisor:zhangsan", AT, null, null, null, null, ext, dec31, jan31));
        m.put(TaskEvents.EXTENSION_REJECTED.name(), new TaskTransition(part(10), "reject-extension", IN_PROGRESS,
                IN_PROGRESS, "supervisor:zhangsan", AT, null, null, null, null, ext, null, jan31));
        m.put(TaskEvents.URGED.name(), new TaskTransition(part(-2), "urge", ACCEPTED, ACCEPTED, "supervisor:zhangsan",
                AT, null, "请于本周五前报送进展", null, null, null, null, null));
        m.put(TaskEvents.DEADLINE_CHANGED.name(), new TaskTransition(part(20), "change-deadline", ACCEPTED, ACCEPTED,
                "supervisor:zhangsan", AT, "按市政府要求提前", null, null, null, null, jan31, null));
        m.put(TaskEvents.CANCELLED.name(), new TaskTransition(part(null), "cancel", ACCEPTED, CANCELLED,
                "supervisor:zhangsan", AT, "任务已合并", null, null, null, null, null, null));
        m.put(TaskEvents.CLAIMED.name(), transition("claim", ASSIGNED, ACCEPTED));
        m.put(TaskEvents.DESIGNATED.name(), new TaskTransition(part(40), "designate", null, ASSIGNED,
                "supervisor:zhangsan", AT, "由市公安局承办", null, null, null, null, null, null));
        m.put(TaskEvents.DEADLINE_APPROACHING.name(), new DeadlineApproaching(part(1), 1, 1, 4711,
                OffsetDateTime.parse("2020-12-30T01:00:00Z")));
        m.put(TaskEvents.OVERDUE.name(), new Overdue(part(-5), 5, 5, 4712, OffsetDateTime.parse("2021-01-08T01:00:00Z")));
        m.put(TaskEvents.REPORT_DUE.name(), new ReportDue(part(60), "2020-Q3", "2020年第3季度", 3,
                LocalDate.of(2020, 9, 30), 2, 4713, OffsetDateTime.parse("2020-09-28T01:00:00Z")));
        m.put(TaskEvents.REPORT_OVERDUE.name(), new ReportOverdue(part(45), "2020-Q3", "2020年第3季度", 3,
                LocalDate.of(2020, 9, 30), 1, 4714, OffsetDateTime.parse("2020-10-09T01:00:00Z")));
        m.put(TaskEvents.PLAN_PUBLISHED.name(), new PlanPublished(PLAN, "珠府办〔2020〕9号", "珠海市2020年政务公开工作要点分工方案",
                2020, 28, 451, 15, "supervisor:zhangsan", AT));
        m.put(CalendarEvents.YEAR.name(), new CalendarYear(2026, true, 3, List.of(
                new CalendarYear.Day(LocalDate.of(2026, 1, 1), CalendarYear.Kind.HOLIDAY, "元旦"),
                new CalendarYear.Day(LocalDate.of(2026, 1, 4), CalendarYear.Kind.WORKDAY, "元旦调休上班"))));
        return m;
    }
}
