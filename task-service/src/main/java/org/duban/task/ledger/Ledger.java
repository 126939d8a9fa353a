package org.duban.task.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.duban.common.problem.ProblemException;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.plan.Plan;
import org.duban.task.query.Filter;
import org.duban.task.report.ReportDues;
import org.duban.task.report.ReportPeriods;
import org.duban.task.task.ReportStanding;
import org.duban.task.query.TaskQueries;
import org.duban.task.task.Assignment;
import org.duban.task.task.Lights;
import org.duban.task.task.StatusLight;
import org.duban.task.time.ClockProducer;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ledger (台账) of a plan: one row per task x unit, read with one forward-only cursor (fetched
 * {@link #FETCH_SIZE} rows at a time) and handed to the writer row by row, so a large plan is never
 * held in memory. Filters are the assignment list's ({@link TaskQueries#assignmentConditions}).
 */
@ApplicationScoped
public class Ledger {

    static final int FETCH_SIZE = 500;

    @Inject
    EntityManager em;

    @Inject
    TaskQueries queries;

    @Inject
    Lights lights;

    /** 404 unless the plan exists; called before the response starts, so the error is still a problem+json. */
    public Plan plan(UUID id) {
        Plan p = QuarkusTransaction.joiningExisting().call(() -> Plan.<Plan>findById(id));
        if (p == null) {
            throw ProblemException.notFound("No plan with id " + id);
        }
        return p;
    }

    /** Builds the query now (so bad filters fail before streaming) and returns what streams it later. */
    public Export export(Filter f) {
        StringBuilder sql = new StringBuilder("""
                SELECT s.ordinal, s.title, w.ordinal, w.title, t.id, t.ordinal, t.title, a.id, a.unit_code, u.name,
                       a.role, a.state, a.created_at, a.deadline, a.warn_days, a.progress_percent,
                       lp.summary, lp.reported_at, a.closed_at, rd.periods, ev.n, ev.names
                FROM assignment a
                JOIN task t ON t.id = a.task_id
                LEFT JOIN plan_section s ON s.id = t.section_id
                LEFT JOIN work_item w ON w.id = t.work_item_id
                LEFT JOIN unit_replica u ON u.code = a.unit_code
                LEFT JOIN LATERAL (SELECT pr.summary, pr.reported_at FROM progress_report pr
                                   WHERE pr.assignment_id = a.id ORDER BY pr.reported_at DESC LIMIT 1) lp ON true
                LEFT JOIN LATERAL (SELECT string_agg(d.period_key || '|' || d.period_label || '|' || d.due_on || '|'
                                       || COALESCE(CAST(d.reported_on AS text), ''), ';' ORDER BY d.seq) AS periods
                                   FROM report_due d WHERE d.assignment_id = a.id
                                     AND (a.closed_at IS NULL
                                          OR d.due_on <= CAST((a.closed_at AT TIME ZONE 'Asia/Shanghai') AS date))) rd ON true
                LEFT JOIN LATERAL (SELECT count(*) AS n,
                                          string_agg(e.file_name, '；' ORDER BY e.created_at, e.report_id, e.position) AS names
                                   FROM evidence_file e WHERE e.assignment_id = a.id) ev ON true
                WHERE 1=1""");
        Map<String, Object> p = new LinkedHashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> queries.assignmentConditions(f, sql, p));
        sql.append(" ORDER BY s.ordinal NULLS LAST, w.ordinal NULLS LAST, t.ordinal NULLS LAST, t.id,"
                + " CASE a.role WHEN 'LEAD' THEN 0 ELSE 1 END, a.unit_code");
        return new Export(sql.toString(), p, periods(f.plan()));
    }

    /** A column of the ledger per period of the plan's reporting cycles (its own and its tasks'), in due order. */
    public record PeriodColumn(String key, String label) {
    }

    List<PeriodColumn> periods(UUID planId) {
        if (planId == null) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT d.period_key, min(d.period_label) FROM report_due d JOIN task t ON t.id = d.task_id
                    WHERE t.plan_id = ?1 GROUP BY d.period_key ORDER BY min(d.due_on), d.period_key""")
                    .setParameter(1, planId).getResultList();
            return rows.stream().map(r -> new PeriodColumn((String) r[0], (String) r[1])).toList();
        });
    }

    /** A prepared ledger query. */
    public final class Export {
        private final String sql;
        private final Map<String, Object> params;
        private final List<PeriodColumn> periods;

        Export(String sql, Map<String, Object> params, List<PeriodColumn> periods) {
            this.sql = sql;
            this.params = params;
            this.periods = periods;
        }

        /** The report columns of the CSV and XLSX (one per period). */
        public List<PeriodColumn> periods() {
            return periods;
        }

        /** Runs the query in its own read transaction and hands each row to {@code sink} as it arrives. */
        public void forEach(Consumer<LedgerRow> sink) {
            LocalDate today = lights.today();
            WorkingDays days = lights.days();
            QuarkusTransaction.requiringNew().run(() -> {
                Query q = em.createNativeQuery(sql);
                params.forEach(q::setParameter);
                q.setHint("org.hibernate.fetchSize", FETCH_SIZE);
                q.setHint("org.hibernate.readOnly", true);
                @SuppressWarnings("unchecked")
                Stream<Object[]> rows = q.getResultStream();
                try (rows) {
                    rows.forEach(r -> sink.accept(row(r, today, days)));
                }
            });
        }
    }

    static LedgerRow row(Object[] r, LocalDate today, WorkingDays days) {
        Assignment.State state = Assignment.State.valueOf((String) r[11]);
        LocalDate opened = date(r[12]);
        LocalDate deadline = date(r[13]);
        int warn = ((Number) r[14]).intValue();
        int percent = ((Number) r[15]).intValue();
        List<LedgerRow.ReportCell> reports = reports((String) r[19], today);
        StatusLight light = StatusLight.of(state, opened, deadline, warn, percent, today, days);
        if (!reports.isEmpty()) {
            light = StatusLight.withReports(light, state, standing(reports, today), warn, today, days);
        }
        Integer left = null;
        Integer overdue = null;
        if (light != null && deadline != null && state != Assignment.State.SUBMITTED) {
            int n = days.workingDaysBetween(today, deadline);
            if (deadline.isBefore(today)) {
                overdue = Math.max(1, -n);
            } else {
                left = n;
            }
        }
        return new LedgerRow(integer(r[0]), (String) r[1], integer(r[2]), (String) r[3], uuid(r[4]), integer(r[5]),
                (String) r[6], uuid(r[7]), (String) r[8], (String) r[9], (String) r[10], state.name(),
                light == null ? null : light.name(), deadline, left, overdue, percent, (String) r[16], date(r[17]),
                state == Assignment.State.COMPLETED ? date(r[18]) : null, reports,
                r[20] != null ? ((Number) r[20]).intValue() : 0, (String) r[21]);
    }

    /** The periods aggregated by the query: key|label|due|reported;… in order. */
    static List<LedgerRow.ReportCell> reports(String agg, LocalDate today) {
        if (agg == null || agg.isEmpty()) {
            return List.of();
        }
        List<LedgerRow.ReportCell> cells = new ArrayList<>();
        for (String p : agg.split(";")) {
            String[] f = p.split("\\|", -1);
            LocalDate due = LocalDate.parse(f[2]);
            LocalDate reported = f[3].isEmpty() ? null : LocalDate.parse(f[3]);
            cells.add(new LedgerRow.ReportCell(f[0], f[1], due, reported, ReportPeriods.Status.of(due, reported, today)));
        }
        return cells;
    }

    private static ReportStanding standing(List<LedgerRow.ReportCell> cells, LocalDate today) {
        return ReportDues.standing(cells.stream().map(c -> new ReportDues.Row(null, 0, c.period(), c.label(), c.dueOn(),
                c.reportedOn(), null)).toList(), today);
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    /** A DATE or TIMESTAMPTZ column as the Asia/Shanghai date. */
    public static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        Instant i;
        if (o instanceof OffsetDateTime t) {
            i = t.toInstant();
        } else if (o instanceof ZonedDateTime t) {
            i = t.toInstant();
        } else if (o instanceof Timestamp t) {
            i = t.toInstant();
        } else if (o instanceof Instant t) {
            i = t;
        } else {
            throw new IllegalStateException("not a date: " + o.getClass());
        }
        return i.atZone(ClockProducer.ZONE).toLocalDate();
    }
}
