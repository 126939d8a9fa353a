package org.duban.task.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.duban.task.plan.Plan;
import org.duban.task.task.Lights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Statistics of a plan: one aggregate query with GROUPING SETS yields the plan's, each section's and each
 * unit's figures; one more gives the completions per week. The ranking (排名) orders units by completion
 * rate, then on-time rate, then fewest overdue; equal keys share a rank (1, 2, 3, 3, 5).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Statistics {

    /** The figures' columns; the assignment a belongs to task t of the plan. */
    private static final String FIGURES = """
            count(*) FILTER (WHERE a.state <> 'CANCELLED'),
            count(*) FILTER (WHERE a.state IN ('ACCEPTED','IN_PROGRESS','SUBMITTED','COMPLETED')),
            count(*) FILTER (WHERE a.state IN ('ACCEPTED','IN_PROGRESS','SUBMITTED')),
            count(*) FILTER (WHERE a.state = 'COMPLETED'),
            count(*) FILTER (WHERE a.state = 'COMPLETED' AND (a.deadline IS NULL
                                   OR CAST((a.closed_at AT TIME ZONE 'Asia/Shanghai') AS date) <= a.deadline)),
            count(*) FILTER (WHERE a.state IN ('ASSIGNED','ACCEPTED','IN_PROGRESS') AND a.deadline < :today),
            count(*) FILTER (WHERE a.state = 'RETURNED'),
            COALESCE(sum(x.n), 0)""";

    @Inject
    EntityManager em;

    @Inject
    Lights lights;

    public StatsApi.PlanStats of(UUID planId) {
        Plan plan = Plan.findById(planId);
        if (plan == null) {
            throw ProblemException.notFound("No plan with id " + planId);
        }
        LocalDate today = lights.today();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT GROUPING(t.section_id), GROUPING(a.unit_code), t.section_id,"
                        + " a.unit_code, " + FIGURES + """
                         FROM assignment a
                        JOIN task t ON t.id = a.task_id
                        LEFT JOIN LATERAL (SELECT count(*) AS n FROM extension_request e WHERE e.assignment_id = a.id) x ON true
                        WHERE t.plan_id = :plan
                        GROUP BY GROUPING SETS ((), (t.section_id), (a.unit_code))""")
                .setParameter("plan", planId).setParameter("today", today).getResultList();
        StatsApi.Figures total = figures(null);
        Map<UUID, StatsApi.Figures> bySection = new HashMap<>();
        Map<String, StatsApi.Figures> byUnit = new LinkedHashMap<>();
        for (Object[] r : rows) {
            boolean sectionRolledUp = ((Number) r[0]).intValue() == 1;
            boolean unitRolledUp = ((Number) r[1]).intValue() == 1;
            StatsApi.Figures f = figures(r);
            if (sectionRolledUp && unitRolledUp) {
                total = f;
            } else if (!sectionRolledUp) {
                if (r[2] != null) {
                    bySection.put(uuid(r[2]), f);
                }
            } else {
                byUnit.put((String) r[3], f);
            }
        }

        List<StatsApi.SectionStats> sections = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> sectionRows = em.createNativeQuery(
                        "SELECT id, ordinal, title FROM plan_section WHERE plan_id = :plan ORDER BY ordinal")
                .setParameter("plan", planId).getResultList();
        for (Object[] s : sectionRows) {
            UUID id = uuid(s[0]);
            sections.add(new StatsApi.SectionStats(id, ((Number) s[1]).intValue(), (String) s[2],
                    bySection.getOrDefault(id, figures(null))));
        }

        Map<String, String> names = new HashMap<>();
        if (!byUnit.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> nameRows = em.createNativeQuery("SELECT code, name FROM unit_replica WHERE code IN (:codes)")
                    .setParameter("codes", byUnit.keySet()).getResultList();
            nameRows.forEach(n -> names.put((String) n[0], (String) n[1]));
        }
        List<StatsApi.UnitStats> units = rank(byUnit, names);

        @SuppressWarnings("unchecked")
        List<Object[]> weekRows = em.createNativeQuery("""
                        SELECT CAST(date_trunc('week', a.closed_at AT TIME ZONE 'Asia/Shanghai') AS date) AS wk, count(*),
                               count(*) FILTER (WHERE a.deadline IS NULL
                                   OR CAST((a.closed_at AT TIME ZONE 'Asia/Shanghai') AS date) <= a.deadline)
                        FROM assignment a JOIN task t ON t.id = a.task_id
                        WHERE t.plan_id = :plan AND a.state = 'COMPLETED'
                        GROUP BY wk ORDER BY wk""")
                .setParameter("plan", planId).getResultList();
        List<StatsApi.Week> weekly = weeks(weekRows);

        Number tasks = (Number) em.createNativeQuery("SELECT count(*) FROM task WHERE plan_id = :plan")
                .setParameter("plan", planId).getSingleResult();
        // periodic reports (issue 19): per unit and in all, the periods reported on time, late, or missing
        @SuppressWarnings("unchecked")
        List<Object[]> reportRows = em.createNativeQuery("""
                        SELECT GROUPING(a.unit_code), a.unit_code,
                               count(*) FILTER (WHERE d.reported_on <= d.due_on),
                               count(*) FILTER (WHERE d.reported_on > d.due_on),
                               count(*) FILTER (WHERE d.reported_on IS NULL AND d.due_on < :today)
                        FROM report_due d JOIN assignment a ON a.id = d.assignment_id JOIN task t ON t.id = a.task_id
                        WHERE t.plan_id = :plan AND a.state <> 'CANCELLED'
                          AND (a.closed_at IS NULL OR d.due_on <= CAST((a.closed_at AT TIME ZONE 'Asia/Shanghai') AS date))
                        GROUP BY ROLLUP (a.unit_code)""")
                .setParameter("plan", planId).setParameter("today", today).getResultList();
        StatsApi.ReportFigures reportTotal = reportFigures(0, 0, 0);
        List<StatsApi.UnitReports> unitReports = new ArrayList<>();
        for (Object[] r : reportRows) {
            StatsApi.ReportFigures f = reportFigures(((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue());
            if (((Number) r[0]).intValue() == 1) {
                reportTotal = f;
            } else if (f.due() > 0) {
                unitReports.add(new StatsApi.UnitReports((String) r[1], names.get((String) r[1]), f));
            }
        }
        unitReports.sort(Comparator.comparing((StatsApi.UnitReports u) -> key(u.figures().onTimeRate())).reversed()
                .thenComparing(StatsApi.UnitReports::unitCode));
        return new StatsApi.PlanStats(plan.id, plan.documentNumber, plan.title, today, tasks.longValue(),
                units.size(), total, sections, units, weekly, reportTotal, unitReports);
    }

    /** Units ordered for assessment; equal keys share a rank. */
    static List<StatsApi.UnitStats> rank(Map<String, StatsApi.Figures> byUnit, Map<String, String> names) {
        Comparator<Map.Entry<String, StatsApi.Figures>> order = Comparator
                .comparing((Map.Entry<String, StatsApi.Figures> e) -> key(e.getValue().completionRate())).reversed()
                .thenComparing(Comparator.comparing(
                        (Map.Entry<String, StatsApi.Figures> e) -> key(e.getValue().onTimeRate())).reversed())
                .thenComparingLong(e -> e.getValue().overdue());
        List<Map.Entry<String, StatsApi.Figures>> sorted = byUnit.entrySet().stream()
                .sorted(order.thenComparing(Map.Entry::getKey)).toList();
        List<StatsApi.UnitStats> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            var e = sorted.get(i);
            int rank = i + 1;
            if (i > 0 && order.compare(sorted.get(i - 1), e) == 0) {
                rank = ranked.get(i - 1).rank();
            }
            ranked.add(new StatsApi.UnitStats(rank, e.getKey(), names.get(e.getKey()), e.getValue()));
        }
        return ranked;
    }

    static StatsApi.ReportFigures reportFigures(long onTime, long late, long missing) {
        long due = onTime + late + missing;
        return new StatsApi.ReportFigures(due, onTime, late, missing, rate(onTime, due));
    }

    private static double key(Double rate) {
        return rate == null ? -1 : rate;
    }

    /** The weeks from the first completion to the last, empty weeks included. */
    static List<StatsApi.Week> weeks(List<Object[]> rows) {
        List<StatsApi.Week> weeks = new ArrayList<>();
        Map<LocalDate, Object[]> byWeek = new HashMap<>();
        rows.forEach(r -> byWeek.put(org.duban.task.ledger.Ledger.date(r[0]), r));
        if (rows.isEmpty()) {
            return weeks;
        }
        LocalDate first = org.duban.task.ledger.Ledger.date(rows.get(0)[0]);
        LocalDate last = org.duban.task.ledger.Ledger.date(rows.get(rows.size() - 1)[0]);
        for (LocalDate w = first; !w.isAfter(last); w = w.plusWeeks(1)) {
            Object[] r = byWeek.get(w);
            weeks.add(r == null ? new StatsApi.Week(w, 0, 0)
                    : new StatsApi.Week(w, ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return weeks;
    }

    /** Figures from columns 4.. of an aggregate row; zeros for null. */
    private static StatsApi.Figures figures(Object[] r) {
        long[] n = new long[8];
        if (r != null) {
            for (int i = 0; i < 8; i++) {
                n[i] = ((Number) r[4 + i]).longValue();
            }
        }
        return new StatsApi.Figures(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], rate(n[3], n[0]), rate(n[4], n[3]));
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }
}
