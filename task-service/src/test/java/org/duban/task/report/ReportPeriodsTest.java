package org.duban.task.report;

import org.duban.common.problem.Problem;
import org.duban.task.calendar.CalendarData;
import org.duban.task.task.ReportCycle;
import org.duban.common.calendar.WorkingDays;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Periods and due dates on the shipped calendar (2020-2026), and the bounds of a cycle at their edges. */
class ReportPeriodsTest {

    static final WorkingDays CAL = CalendarData.shippedCalendar();

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static List<ReportPeriods.Period> periods(ReportCycle c, int year) {
        return ReportPeriods.of(c.withRange(year), CAL);
    }

    @Test
    void quarterlyByTheEndOfEachQuarterMovesADueDateOffAHoliday() {
        // 2022-12-31 is a Saturday and 2023-01-01/02 are 元旦: Q4 is due on Tuesday 2023-01-03
        List<ReportPeriods.Period> ps = periods(new ReportCycle(ReportCycle.Frequency.QUARTERLY, null, null, null, null, null, null), 2022);
        assertEquals(List.of("2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"), ps.stream().map(ReportPeriods.Period::key).toList());
        assertEquals(List.of("2022年第1季度", "2022年第2季度", "2022年第3季度", "2022年第4季度"),
                ps.stream().map(ReportPeriods.Period::label).toList());
        assertEquals(List.of(d("2022-03-31"), d("2022-06-30"), d("2022-09-30"), d("2023-01-03")),
                ps.stream().map(ReportPeriods.Period::due).toList());
        // windows: the first opens on its start; the next the day after the previous due date
        assertEquals(d("2022-01-01"), ps.get(0).opens());
        assertEquals(d("2022-04-01"), ps.get(1).opens());
        assertEquals(d("2022-06-30"), ps.get(0).lateUntil());
        assertNull(ps.get(3).lateUntil());
    }

    @Test
    void quarterlyWithinWorkingDaysAfterTheQuarterCountsTheNationalDayAndMakeUpDays() {
        // 季度结束后5个工作日内, 2025: 10-01..08 国庆/中秋 off, Saturday 10-11 a working day
        List<ReportPeriods.Period> ps = periods(new ReportCycle(ReportCycle.Frequency.QUARTERLY,
                ReportCycle.DueRule.WORKING_DAY_AFTER, 5, null, 3, null, null), 2025);
        assertEquals(d("2025-04-08"), ps.get(0).due()); // 04-04..06 清明
        assertEquals(d("2025-07-07"), ps.get(1).due());
        assertEquals(d("2025-10-14"), ps.get(2).due()); // 10-09, 10, 11 (Sat), 13, 14
        assertEquals(d("2026-01-08"), ps.get(3).due()); // 01-01..03 元旦; Sunday 01-04 a working day
    }

    @Test
    void monthlyByTheFifthIsDueTheFifthOfTheNextMonthOrTheNextWorkingDay() {
        // 每月5日前: the month's report by the 5th of the next month
        List<ReportPeriods.Period> ps = periods(new ReportCycle(ReportCycle.Frequency.MONTHLY,
                ReportCycle.DueRule.DAY_AFTER, 5, null, null, null, null), 2025);
        assertEquals(12, ps.size());
        assertEquals("2025-01", ps.get(0).key());
        assertEquals("2025年1月", ps.get(0).label());
        assertEquals(d("2025-02-05"), ps.get(0).due()); // 01-28..02-04 春节; 02-05 a Wednesday
        assertEquals(d("2025-05-06"), ps.get(3).due()); // 05-01..05 劳动节
        assertEquals(d("2025-10-09"), ps.get(8).due()); // 10-05 inside 国庆: the next working day
        assertEquals(d("2026-01-05"), ps.get(11).due()); // 01-05-2026 is a Monday
    }

    @Test
    void monthlyOnTheNthWorkingDayCountsMakeUpDays() {
        // 每月第1个工作日前: January 2026's report on Sunday 2026-02-01? No: 02-01 is a Sunday, not a make-up day
        List<ReportPeriods.Period> ps = periods(new ReportCycle(ReportCycle.Frequency.MONTHLY,
                ReportCycle.DueRule.WORKING_DAY_AFTER, 1, null, null, null, null), 2025);
        assertEquals(d("2025-10-09"), ps.get(8).due()); // September's: after 国庆
        assertEquals(d("2026-01-04"), ps.get(11).due()); // December's: Sunday 2026-01-04 is 元旦调休上班
    }

    @Test
    void halfYearlyAndYearly() {
        List<ReportPeriods.Period> h = periods(new ReportCycle(ReportCycle.Frequency.HALF_YEARLY, null, null, null, null, null, null), 2024);
        assertEquals(List.of("2024-H1", "2024-H2"), h.stream().map(ReportPeriods.Period::key).toList());
        assertEquals(List.of("2024年上半年", "2024年下半年"), h.stream().map(ReportPeriods.Period::label).toList());
        assertEquals(List.of(d("2024-07-01"), d("2024-12-31")), h.stream().map(ReportPeriods.Period::due).toList());
        List<ReportPeriods.Period> y = periods(new ReportCycle(ReportCycle.Frequency.YEARLY,
                ReportCycle.DueRule.DAY_AFTER, 10, null, null, null, null), 2024);
        assertEquals("2024年度", y.get(0).label());
        assertEquals(d("2025-01-10"), y.get(0).due());
    }

    @Test
    void explicitDatesAreTheirOwnPeriods() {
        List<ReportPeriods.Period> ps = periods(new ReportCycle(ReportCycle.Frequency.DATES, null, null,
                List.of(d("2025-06-30"), d("2025-10-03"), d("2025-10-08")), null, null, null), 2025);
        assertEquals(List.of(d("2025-06-30"), d("2025-10-09"), d("2025-10-09")), ps.stream().map(ReportPeriods.Period::due).toList());
        assertEquals(d("2025-01-01"), ps.get(0).start());
        assertEquals(d("2025-07-01"), ps.get(1).start());
        assertEquals("截至2025年10月3日", ps.get(1).label());
        // two dates moved onto one working day: the second's window still opens on it
        assertEquals(d("2025-10-09"), ps.get(2).opens());
    }

    @Test
    void aRangeNotOnQuarterBoundariesIsLabelledByItsDates() {
        List<ReportPeriods.Period> ps = ReportPeriods.of(new ReportCycle(ReportCycle.Frequency.QUARTERLY, null, null, null,
                null, d("2025-02-01"), d("2025-06-15")), CAL);
        assertEquals(List.of("2025-02-01/2025-04-30", "2025-05-01/2025-06-15"), ps.stream().map(ReportPeriods.Period::key).toList());
        assertEquals(d("2025-06-16"), ps.get(1).due()); // 06-15 is a Sunday
    }

    @Test
    void statusAgainstTheDueDate() {
        LocalDate due = d("2025-09-30");
        assertEquals(ReportPeriods.Status.ON_TIME, ReportPeriods.Status.of(due, due, d("2025-12-01")));
        assertEquals(ReportPeriods.Status.LATE, ReportPeriods.Status.of(due, d("2025-10-09"), d("2025-12-01")));
        assertEquals(ReportPeriods.Status.PENDING, ReportPeriods.Status.of(due, null, due));
        assertEquals(ReportPeriods.Status.MISSING, ReportPeriods.Status.of(due, null, d("2025-10-01")));
    }

    // --- bounds, each at its edge ----------------------------------------------------------------

    static List<String> fields(ReportCycle c) {
        List<String> out = new ArrayList<>();
        for (Problem.FieldError e : c.check("reportCycle")) {
            out.add(e.field());
        }
        return out;
    }

    static ReportCycle dates(int n) {
        List<LocalDate> ds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ds.add(d("2025-01-01").plusDays(i * 7L));
        }
        return new ReportCycle(ReportCycle.Frequency.DATES, null, null, ds, null, null, null);
    }

    @Test
    void explicitDatesAreBoundedAt24AndMustAscend() {
        assertEquals(List.of(), fields(dates(1)));
        assertEquals(List.of(), fields(dates(ReportCycle.MAX_DATES)));
        assertEquals(List.of("reportCycle.dates"), fields(dates(ReportCycle.MAX_DATES + 1)));
        assertEquals(List.of("reportCycle.dates"), fields(dates(0)));
        assertEquals(List.of("reportCycle.dates[1]"), fields(new ReportCycle(ReportCycle.Frequency.DATES, null, null,
                List.of(d("2025-06-30"), d("2025-06-30")), null, null, null)));
    }

    @Test
    void theDayAndWorkingDayNumbersAreBounded() {
        ReportCycle.Frequency m = ReportCycle.Frequency.MONTHLY;
        assertEquals(List.of(), fields(new ReportCycle(m, ReportCycle.DueRule.DAY_AFTER, 1, null, null, null, null)));
        assertEquals(List.of(), fields(new ReportCycle(m, ReportCycle.DueRule.DAY_AFTER, 28, null, null, null, null)));
        assertEquals(List.of("reportCycle.n"), fields(new ReportCycle(m, ReportCycle.DueRule.DAY_AFTER, 0, null, null, null, null)));
        assertEquals(List.of("reportCycle.n"), fields(new ReportCycle(m, ReportCycle.DueRule.DAY_AFTER, 29, null, null, null, null)));
        assertEquals(List.of("reportCycle.n"), fields(new ReportCycle(m, ReportCycle.DueRule.DAY_AFTER, null, null, null, null, null)));
        assertEquals(List.of(), fields(new ReportCycle(m, ReportCycle.DueRule.WORKING_DAY_AFTER, 30, null, null, null, null)));
        assertEquals(List.of("reportCycle.n"), fields(new ReportCycle(m, ReportCycle.DueRule.WORKING_DAY_AFTER, 31, null, null, null, null)));
        assertEquals(List.of("reportCycle.n"), fields(new ReportCycle(m, ReportCycle.DueRule.END, 3, null, null, null, null)));
        assertEquals(List.of(), fields(new ReportCycle(m, null, null, null, 20, null, null)));
        assertEquals(List.of(), fields(new ReportCycle(m, null, null, null, 0, null, null)));
        assertEquals(List.of("reportCycle.remindDaysBefore"), fields(new ReportCycle(m, null, null, null, 21, null, null)));
        assertEquals(List.of("reportCycle.remindDaysBefore"), fields(new ReportCycle(m, null, null, null, -1, null, null)));
        assertEquals(List.of("reportCycle.frequency"), fields(new ReportCycle(null, null, null, null, null, null, null)));
    }

    @Test
    void aCycleHasAtMost60Periods() {
        ReportCycle.Frequency m = ReportCycle.Frequency.MONTHLY;
        assertEquals(List.of(), fields(new ReportCycle(m, null, null, null, null, d("2025-01-01"), d("2029-12-31"))));
        assertEquals(60, ReportPeriods.of(new ReportCycle(m, null, null, null, null, d("2025-01-01"), d("2029-12-31")), CAL).size());
        assertEquals(List.of("reportCycle.to"), fields(new ReportCycle(m, null, null, null, null, d("2025-01-01"), d("2030-01-01"))));
        assertEquals(List.of("reportCycle.to"), fields(new ReportCycle(m, null, null, null, null, d("2025-01-01"), d("2024-12-31"))));
        assertEquals(List.of("reportCycle.to"), fields(new ReportCycle(m, null, null, null, null, d("2025-01-01"), null)));
        assertTrue(fields(new ReportCycle(ReportCycle.Frequency.QUARTERLY, null, null, null, null, d("2025-01-01"),
                d("2039-12-31"))).isEmpty(), "60 quarters");
    }
}
