package org.duban.task.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.task.time.ClockProducer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The periodic reports a unit owes or owed (issue 19), for its work list: one row per period of each of its open
 * assignments under a cycle, with the period's status today — 待报 PENDING, 未报 MISSING, 逾期 LATE, 按时 ON_TIME —
 * earliest due date first, paged by a keyset cursor.
 */
@ApplicationScoped
public class UnitReports {

    /** What the unit still owes: not reported, due or past due. */
    public static final Set<ReportPeriods.Status> OWED = EnumSet.of(ReportPeriods.Status.MISSING, ReportPeriods.Status.PENDING);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Schema(name = "UnitReport", description = "One period of a periodic report (定期报送) of one of the unit's open assignments")
    public record UnitReportView(UUID assignmentId, UUID taskId,
                                 @Schema(examples = "持续做好政策解读工作，每季度末前报送进展。") String taskTitle,
                                 UUID planId,
                                 @Schema(description = "1-based period number in the cycle", examples = "3") int seq,
                                 @Schema(examples = "2025-Q3") String period,
                                 @Schema(examples = "2025年第3季度") String periodLabel,
                                 @Schema(description = "On a working day") LocalDate dueDate,
                                 @Schema(description = "Today: PENDING 待报 (not due yet), MISSING 未报 (past due, no report), "
                                         + "LATE 逾期 (reported after the due date), ON_TIME 按时") ReportPeriods.Status status,
                                 @Schema(description = "Asia/Shanghai date of the report that fulfilled the period; null: none yet")
                                 LocalDate reportedOn) {
    }

    @Schema(name = "UnitReportPage", description = "A page of a unit's periodic reports; pass nextCursor as cursor for the next one")
    public record UnitReportPage(List<UnitReportView> items, String nextCursor) {
    }

    /** The unit's periods in {@code statuses}, after {@code cursor} (null: from the first), at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitReportPage of(String unit, Set<ReportPeriods.Status> statuses, String cursor, int limit) {
        LocalDate today = clock.instant().atZone(ClockProducer.ZONE).toLocalDate();
        StringBuilder sql = new StringBuilder("""
                SELECT rd.assignment_id, rd.seq, rd.task_id, t.title, t.plan_id, rd.period_key, rd.period_label,
                       rd.due_on, rd.reported_on
                FROM assignment a
                JOIN report_due rd ON rd.assignment_id = a.id
                JOIN task t ON t.id = a.task_id
                WHERE a.unit_code = :unit AND a.state IN ('ASSIGNED','ACCEPTED','IN_PROGRESS') AND (FALSE""");
        for (ReportPeriods.Status s : statuses) {
            sql.append(switch (s) {
                case PENDING -> " OR (rd.reported_on IS NULL AND rd.due_on >= :today)";
                case MISSING -> " OR (rd.reported_on IS NULL AND rd.due_on < :today)";
                case LATE -> " OR rd.reported_on > rd.due_on";
                case ON_TIME -> " OR rd.reported_on <= rd.due_on";
            });
        }
        sql.append(")");
        Position after = cursor == null || cursor.isBlank() ? null : Position.decode(cursor);
        if (after != null) {
            sql.append(" AND (rd.due_on, rd.assignment_id, rd.seq) > (:afterDue, :afterAssignment, :afterSeq)");
        }
        sql.append(" ORDER BY rd.due_on, rd.assignment_id, rd.seq LIMIT :limit");
        Query q = em.createNativeQuery(sql.toString()).setParameter("unit", unit).setParameter("limit", limit + 1);
        if (statuses.contains(ReportPeriods.Status.PENDING) || statuses.contains(ReportPeriods.Status.MISSING)) {
            q.setParameter("today", today);
        }
        if (after != null) {
            q.setParameter("afterDue", after.due()).setParameter("afterAssignment", after.assignment())
                    .setParameter("afterSeq", after.seq());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<UnitReportView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            Object[] r = rows.get(i);
            LocalDate due = ReportDues.date(r[7]);
            LocalDate reported = ReportDues.date(r[8]);
            items.add(new UnitReportView((UUID) r[0], (UUID) r[2], (String) r[3], (UUID) r[4], ((Number) r[1]).intValue(),
                    (String) r[5], (String) r[6], due, ReportPeriods.Status.of(due, reported, today), reported));
        }
        String next = null;
        if (rows.size() > limit) {
            UnitReportView last = items.get(items.size() - 1);
            next = new Position(last.dueDate(), last.assignmentId(), last.seq()).encode();
        }
        return new UnitReportPage(items, next);
    }

    /** Where a page ended: the last row's (due date, assignment, period). */
    record Position(LocalDate due, UUID assignment, int seq) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((due + "|" + assignment + "|" + seq).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
                if (p.length != 3) {
                    throw new IllegalArgumentException("three parts");
                }
                return new Position(LocalDate.parse(p[0]), UUID.fromString(p[1]), Integer.parseInt(p[2]));
            } catch (RuntimeException e) {
                throw new ProblemException(ProblemType.VALIDATION, "The cursor is not one this service returned",
                        List.of(new Problem.FieldError("cursor", "not a nextCursor of this list",
                                cursor.length() <= 200 ? cursor : cursor.substring(0, 200) + "…")));
            }
        }
    }
}
