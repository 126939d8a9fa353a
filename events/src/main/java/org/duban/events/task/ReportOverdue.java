package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code task.report-overdue} (逾期未报, issue 19): the unit's periodic report for {@code period} was due on
 * {@code dueDate} and has not come; fired once, on the first working day after it.
 *
 * @param period             the period's key, e.g. {@code 2025-Q3}
 * @param periodLabel        how users name it, e.g. 2025年第3季度
 * @param periodSeq          the period's number in the cycle (1, 2, …)
 * @param dueDate            the report was due at the end of this day
 * @param workingDaysOverdue working days after {@code dueDate} up to and including today, when it fired (≥ 0)
 * @param reminderId         the reminder row
 * @param dueAt              when it was due
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportOverdue(TaskPart task, String period, String periodLabel, int periodSeq, LocalDate dueDate,
                            int workingDaysOverdue, long reminderId, OffsetDateTime dueAt) implements TaskEvent {
}
