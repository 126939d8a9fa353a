package org.duban.task.task;

import org.duban.common.calendar.WorkingDays;

import java.time.LocalDate;

/**
 * Where an assignment stands with its periodic reports today, for its light (pure): {@code lastDue} the due date of
 * the latest period due before today and {@code lastReportedOn} its report's date (null = none); {@code nextDue}
 * the due date of the earliest period due today or later that is not reported yet. The rule (docs/architecture.md):
 * the latest period past its due date without a report (未报, still open to a late report) makes the light RED;
 * reported late (逾期) makes it at least YELLOW; an unreported period due within the warning window (the
 * assignment's warn days, as for deadlines) makes it at least YELLOW. Older periods do not count.
 */
public record ReportStanding(LocalDate lastDue, LocalDate lastReportedOn, LocalDate nextDue) {

    public static final ReportStanding NONE = new ReportStanding(null, null, null);

    public StatusLight light(LocalDate today, int warnDays, WorkingDays days) {
        if (lastDue != null && lastReportedOn == null) {
            return StatusLight.RED;
        }
        if (lastDue != null && lastReportedOn.isAfter(lastDue)) {
            return StatusLight.YELLOW;
        }
        if (nextDue != null && !nextDue.isAfter(StatusLight.lastWarnDay(today, warnDays, days))) {
            return StatusLight.YELLOW;
        }
        return StatusLight.GREEN;
    }
}
