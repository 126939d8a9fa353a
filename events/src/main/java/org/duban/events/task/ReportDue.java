package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code task.report-due} (报送提醒, issue 19): the unit's periodic report for {@code period} is due by the end of
 * {@code dueDate} (Asia/Shanghai) and has not come; fired once, on the working day the reporting cycle plans it.
 *
 * @param period          the period's key, e.g. {@code 2025-Q3}
 * @param periodLabel     how users name it, e.g. 2025年第3季度
 * @param periodSeq       the period's number in the cycle (1, 2, …)
 * @param dueDate         the report is due at the end of this day
 * @param workingDaysLeft working days after today up to and including {@code dueDate}, when it fired (≥ 0)
 * @param reminderId      the reminder row
 * @param dueAt           when it was due
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportDue(TaskPart task, String period, String periodLabel, int periodSeq, LocalDate dueDate,
                        int workingDaysLeft, long reminderId, OffsetDateTime dueAt) implements TaskEvent {
}
