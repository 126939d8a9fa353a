package org.duban.events.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The reporting-cycle events (定期报送, issue 19) on {@code duban.task-events} (key = task id, subject =
 * assignment id): one {@code task.report-due} before a period's due date and one
 * {@code task.report-overdue} after it when the unit has not reported. Each event is readable alone:
 * the task part is carried flat (id, title, plan, 文号, unit). Catalogued in docs/events.md.
 */
public final class ReportEvents {
    private ReportEvents() {
    }

    public static final String REPORT_DUE = "task.report-due";
    public static final String REPORT_OVERDUE = "task.report-overdue";

    /**
     * {@code task.report-due}: the unit's report for {@code period} is due by the end of {@code dueDate}
     * (Asia/Shanghai); {@code workingDaysLeft} working days after today up to it.
     */
    public record ReportDue(UUID taskId, String title, UUID planId, String documentNumber, UUID assignmentId,
                            String unitCode, String unitName, String period, String periodLabel, int periodSeq,
                            LocalDate dueDate, int workingDaysLeft, long reminderId, OffsetDateTime dueAt) {
    }

    /**
     * {@code task.report-overdue}: the unit's report for {@code period} was due on {@code dueDate} and has not
     * come; {@code workingDaysOverdue} working days have passed since.
     */
    public record ReportOverdue(UUID taskId, String title, UUID planId, String documentNumber, UUID assignmentId,
                                String unitCode, String unitName, String period, String periodLabel, int periodSeq,
                                LocalDate dueDate, int workingDaysOverdue, long reminderId, OffsetDateTime dueAt) {
    }
}
