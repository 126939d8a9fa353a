package org.duban.task.query;

import org.duban.common.calendar.WorkingDays;
import org.duban.task.task.StatusLight;

import java.time.LocalDate;
import java.util.List;

/**
 * {@link StatusLight#of} as a SQL expression over {@code assignment a}, so lists can filter by light:
 * NULL for closed assignments, 1 green, 2 yellow, 3 red. The dates are computed here (working-day
 * windows per distinct {@code warn_days}) and inlined as literals; they are never user input.
 */
final class LightSql {
    private LightSql() {
    }

    static String rank(LocalDate today, List<Integer> warnDays, WorkingDays days) {
        StringBuilder window = new StringBuilder("CASE a.warn_days");
        for (Integer w : warnDays) {
            window.append(" WHEN ").append(w.intValue()).append(" THEN ")
                    .append(lit(StatusLight.lastWarnDay(today, w, days)));
        }
        window.append(" ELSE ").append(lit(today)).append(" END");
        String opened = "CAST((a.created_at AT TIME ZONE 'Asia/Shanghai') AS date)";
        String total = "(a.deadline - " + opened + ")";
        String elapsed = "GREATEST(0, " + lit(today) + " - " + opened + ")";
        String deadline = "CASE WHEN a.deadline IS NULL THEN 1"
                + " WHEN a.deadline < " + lit(today) + " THEN 3"
                + " WHEN a.deadline <= " + window + " THEN 2"
                + " WHEN " + total + " > 0 AND a.progress_percent * " + total + " < " + elapsed + " * 100 - "
                + StatusLight.GRACE_POINTS + " * " + total + " THEN 2"
                + " ELSE 1 END";
        // periodic reports (issue 19, ReportStanding): the latest period past due unreported 3, reported late 2;
        // an unreported period due within the warning window 2
        String lastReport = "COALESCE((SELECT CASE WHEN d.reported_on IS NULL THEN 3 WHEN d.reported_on > d.due_on THEN 2"
                + " ELSE 1 END FROM report_due d WHERE d.assignment_id = a.id AND d.due_on < " + lit(today)
                + " ORDER BY d.seq DESC LIMIT 1), 1)";
        String nextReport = "CASE WHEN EXISTS (SELECT 1 FROM report_due d WHERE d.assignment_id = a.id"
                + " AND d.reported_on IS NULL AND d.due_on >= " + lit(today) + " AND d.due_on <= " + window
                + ") THEN 2 ELSE 1 END";
        return "(CASE WHEN a.state IN ('COMPLETED','RETURNED','CANCELLED') THEN NULL"
                + " WHEN a.state = 'SUBMITTED' THEN 1"
                + " ELSE GREATEST(" + deadline + ", " + lastReport + ", " + nextReport + ") END)";
    }

    static int rankOf(StatusLight light) {
        return light.ordinal() + 1;
    }

    private static String lit(LocalDate d) {
        return "DATE '" + d + "'";
    }
}
