package org.duban.task.report;

import org.duban.task.calendar.CalendarData;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.task.Assignment;
import org.duban.task.task.ReportStanding;
import org.duban.task.task.StatusLight;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How periodic reports count in the light (the rule of docs/architecture.md#reporting-cycles), on the shipped calendar. */
class ReportStandingTest {

    static final WorkingDays CAL = CalendarData.shippedCalendar();

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static ReportDues.Row row(int seq, String due, String reported) {
        return new ReportDues.Row(null, seq, "p" + seq, "期" + seq, d(due), reported == null ? null : d(reported), null);
    }

    static final List<ReportDues.Row> YEAR = List.of(row(1, "2025-03-31", "2025-03-20"), row(2, "2025-06-30", null),
            row(3, "2025-09-30", null), row(4, "2025-12-31", null));

    static StatusLight light(List<ReportDues.Row> rows, String today) {
        return ReportDues.standing(rows, d(today)).light(d(today), 5, CAL);
    }

    @Test
    void theLatestPeriodPastDueWithoutAReportIsRed() {
        assertEquals(StatusLight.GREEN, light(YEAR, "2025-05-06"));
        assertEquals(StatusLight.GREEN, light(YEAR, "2025-06-20"), "due 06-30, six working days ahead");
        assertEquals(StatusLight.YELLOW, light(YEAR, "2025-06-23"), "due within five working days");
        assertEquals(StatusLight.YELLOW, light(YEAR, "2025-06-30"), "due today: not yet overdue");
        assertEquals(StatusLight.RED, light(YEAR, "2025-07-01"));
    }

    @Test
    void aLateReportIsYellowUntilTheNextPeriodIsDueAndOlderPeriodsDoNotCount() {
        List<ReportDues.Row> late = List.of(row(1, "2025-03-31", null), row(2, "2025-06-30", "2025-07-03"),
                row(3, "2025-09-30", "2025-09-29"), row(4, "2025-12-31", null));
        assertEquals(StatusLight.YELLOW, light(late, "2025-07-04"), "Q2 reported late; Q1 missing no longer counts");
        assertEquals(StatusLight.YELLOW, light(late, "2025-09-30"), "still the latest past due");
        assertEquals(StatusLight.GREEN, light(late, "2025-10-09"), "Q3 on time; Q4 is far");
        assertEquals(StatusLight.RED, light(late, "2026-01-04"));
    }

    @Test
    void theWarningWindowCountsWorkingDaysAcrossTheNationalDayWeek() {
        // on Friday 09-19 the five-working-day window ends before 09-28 (09-22..26): the Q3 report due 09-30 is
        // outside it, green; on 09-24 the window holds 09-25, 26, 28 (a 调休 Sunday), 29 and 30: yellow
        assertEquals(StatusLight.GREEN, light(List.of(row(3, "2025-09-30", null)), "2025-09-19"));
        assertEquals(StatusLight.YELLOW, light(List.of(row(3, "2025-09-30", null)), "2025-09-24"));
    }

    @Test
    void reportsMakeALightWorseNeverBetterAndLeaveSubmittedAndClosedAlone() {
        ReportStanding red = ReportDues.standing(YEAR, d("2025-07-01"));
        LocalDate today = d("2025-07-01");
        assertEquals(StatusLight.RED, StatusLight.withReports(StatusLight.GREEN, Assignment.State.IN_PROGRESS, red, 5, today, CAL));
        assertEquals(StatusLight.GREEN, StatusLight.withReports(StatusLight.GREEN, Assignment.State.SUBMITTED, red, 5, today, CAL));
        assertNull(StatusLight.withReports(null, Assignment.State.COMPLETED, red, 5, today, CAL));
        ReportStanding none = ReportDues.standing(YEAR, d("2025-05-06"));
        assertEquals(StatusLight.RED, StatusLight.withReports(StatusLight.RED, Assignment.State.ACCEPTED, none, 5, d("2025-05-06"), CAL));
        assertEquals(StatusLight.YELLOW, StatusLight.withReports(StatusLight.YELLOW, Assignment.State.ACCEPTED, null, 5, d("2025-05-06"), CAL));
    }
}
