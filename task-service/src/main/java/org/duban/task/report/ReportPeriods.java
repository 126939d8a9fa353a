package org.duban.task.report;

import org.duban.common.calendar.WorkingDays;
import org.duban.task.task.ReportCycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods of a {@link ReportCycle} and their due dates on the working-day calendar (pure; the rules
 * are documented in docs/architecture.md#reporting-cycles):
 * <ul>
 * <li>Periods follow one another from the cycle's {@code from} (1, 3, 6 or 12 months each); the last ends
 *     on {@code to}. DATES: period i runs from the day after date i-1 (the first from 1 January of the
 *     first date's year) to date i.</li>
 * <li>Due date: END the period's last day; DAY_AFTER n day n of the month after the period; WORKING_DAY_AFTER
 *     n the n-th working day after the period; DATES the date. A due date that is not a working day (a
 *     weekend, a statutory holiday) moves to the next working day; an adjusted working day (调休上班)
 *     is a working day.</li>
 * <li>Window: a report fulfils period i if it is made from {@code opens} (the day after the previous
 *     period's due date; for the first, the period's start) up to {@code lateUntil} (the next period's due
 *     date; none for the last): on time up to the due date, late after it. Reports fill the periods in
 *     order: each fulfils the earliest unfulfilled period whose window holds it.</li>
 * </ul>
 */
public final class ReportPeriods {
    private ReportPeriods() {
    }

    /**
     * One period: {@code seq} 1-based; {@code key} a stable machine name ("2025-Q3"); {@code label} the
     * Chinese name ("2025年第3季度").
     */
    public record Period(int seq, String key, String label, LocalDate start, LocalDate end, LocalDate due,
                         LocalDate opens, LocalDate lateUntil) {
    }

    /** The periods of a valid cycle whose range is filled in ({@link ReportCycle#withRange}). */
    public static List<Period> of(ReportCycle c, WorkingDays wd) {
        List<LocalDate[]> spans = new ArrayList<>(); // start, end, due
        if (c.frequency() == ReportCycle.Frequency.DATES) {
            LocalDate start = c.dates().get(0).withDayOfYear(1);
            for (LocalDate d : c.dates()) {
                spans.add(new LocalDate[]{start, d, onWorkingDay(d, wd)});
                start = d.plusDays(1);
            }
        } else {
            int len = ReportCycle.months(c.frequency());
            LocalDate start = c.from();
            while (!start.isAfter(c.to()) && spans.size() < ReportCycle.MAX_PERIODS) {
                LocalDate end = start.plusMonths(len).minusDays(1);
                if (end.isAfter(c.to())) {
                    end = c.to();
                }
                spans.add(new LocalDate[]{start, end, due(c, end, wd)});
                start = end.plusDays(1);
            }
        }
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            LocalDate[] s = spans.get(i);
            LocalDate opens = i == 0 ? s[0] : min(spans.get(i - 1)[2].plusDays(1), s[2]);
            LocalDate lateUntil = i + 1 < spans.size() ? spans.get(i + 1)[2] : null;
            periods.add(new Period(i + 1, key(c, s[0], s[1]), label(c, s[0], s[1]), s[0], s[1], s[2], opens, lateUntil));
        }
        return periods;
    }

    /** The due date of a period ending on {@code end}. */
    static LocalDate due(ReportCycle c, LocalDate end, WorkingDays wd) {
        return switch (c.dueRule()) {
            case END -> onWorkingDay(end, wd);
            case DAY_AFTER -> onWorkingDay(end.plusMonths(1).withDayOfMonth(c.n()), wd);
            case WORKING_DAY_AFTER -> wd.addWorkingDays(end, c.n());
        };
    }

    /** The day itself if it is a working day, else the next working day. */
    public static LocalDate onWorkingDay(LocalDate d, WorkingDays wd) {
        return wd.isWorkingDay(d) ? d : wd.addWorkingDays(d, 1);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static boolean wholeMonths(LocalDate start, LocalDate end, int len) {
        return start.getDayOfMonth() == 1 && end.equals(start.plusMonths(len).minusDays(1));
    }

    static String key(ReportCycle c, LocalDate start, LocalDate end) {
        int y = start.getYear();
        int m = start.getMonthValue();
        return switch (c.frequency()) {
            case MONTHLY -> wholeMonths(start, end, 1) ? String.format("%d-%02d", y, m) : start + "/" + end;
            case QUARTERLY -> wholeMonths(start, end, 3) && (m - 1) % 3 == 0 ? y + "-Q" + ((m - 1) / 3 + 1) : start + "/" + end;
            case HALF_YEARLY -> wholeMonths(start, end, 6) && (m == 1 || m == 7) ? y + "-H" + (m == 1 ? 1 : 2) : start + "/" + end;
            case YEARLY -> wholeMonths(start, end, 12) && m == 1 ? Integer.toString(y) : start + "/" + end;
            case DATES -> end.toString();
        };
    }

    static String label(ReportCycle c, LocalDate start, LocalDate end) {
        int y = start.getYear();
        int m = start.getMonthValue();
        String span = y + "年" + m + "月" + start.getDayOfMonth() + "日至" + end.getYear() + "年" + end.getMonthValue()
                + "月" + end.getDayOfMonth() + "日";
        return switch (c.frequency()) {
            case MONTHLY -> wholeMonths(start, end, 1) ? y + "年" + m + "月" : span;
            case QUARTERLY -> wholeMonths(start, end, 3) && (m - 1) % 3 == 0 ? y + "年第" + ((m - 1) / 3 + 1) + "季度" : span;
            case HALF_YEARLY -> wholeMonths(start, end, 6) && (m == 1 || m == 7) ? y + "年" + (m == 1 ? "上" : "下") + "半年" : span;
            case YEARLY -> wholeMonths(start, end, 12) && m == 1 ? y + "年度" : span;
            case DATES -> "截至" + end.getYear() + "年" + end.getMonthValue() + "月" + end.getDayOfMonth() + "日";
        };
    }

    /** How a period stands on {@code today}: its report's date ({@code reportedOn}, null = none yet) against its due date. */
    public enum Status {
        /** 按时: reported on or before the due date. */
        ON_TIME,
        /** 逾期: reported after the due date. */
        LATE,
        /** 未报: due date passed, no report. */
        MISSING,
        /** 待报: not due yet, no report. */
        PENDING;

        public static Status of(LocalDate due, LocalDate reportedOn, LocalDate today) {
            if (reportedOn != null) {
                return reportedOn.isAfter(due) ? LATE : ON_TIME;
            }
            return today.isAfter(due) ? MISSING : PENDING;
        }

        /** The ledger's word. */
        public String chinese() {
            return switch (this) {
                case ON_TIME -> "按时";
                case LATE -> "逾期";
                case MISSING -> "未报";
                case PENDING -> "待报";
            };
        }
    }
}
