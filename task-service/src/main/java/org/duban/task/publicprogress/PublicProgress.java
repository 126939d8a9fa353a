package org.duban.task.publicprogress;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.problem.ProblemException;
import org.duban.task.ledger.Ledger;
import org.duban.task.ledger.LedgerRow;
import org.duban.task.plan.Plan;
import org.duban.task.query.Filter;
import org.duban.task.stats.Statistics;
import org.duban.task.stats.StatsApi;
import org.duban.task.task.Lights;
import org.duban.task.task.StatusLight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds the public progress of a published plan from the ledger's rows (for task and unit states) and the
 * statistics (for the counts), keeping only what may be published.
 */
@ApplicationScoped
public class PublicProgress {

    @Inject
    Ledger ledger;

    @Inject
    Statistics statistics;

    @Inject
    Lights lights;

    public PublicApi.PlanProgress of(UUID planId) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> Plan.<Plan>findById(planId));
        if (plan == null || plan.state != Plan.State.PUBLISHED) {
            throw ProblemException.notFound("No published plan with id " + planId);
        }
        StatsApi.PlanStats stats = QuarkusTransaction.requiringNew().call(() -> statistics.of(planId));
        Map<Integer, List<LedgerRow>> byTask = new LinkedHashMap<>();
        Map<Integer, Map<Integer, List<LedgerRow>>> bySection = new LinkedHashMap<>();
        ledger.export(Filter.parse(planId.toString(), null, null, null, null, null, null, null, null, null, null))
                .forEach(r -> bySection.computeIfAbsent(r.sectionOrdinal() == null ? 0 : r.sectionOrdinal(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.taskOrdinal() == null ? 0 : r.taskOrdinal(), k -> new ArrayList<>()).add(r));
        List<PublicApi.SectionProgress> sections = new ArrayList<>();
        for (StatsApi.SectionStats s : stats.sections()) {
            List<PublicApi.TaskProgress> tasks = new ArrayList<>();
            bySection.getOrDefault(s.ordinal(), Map.of()).forEach((ordinal, rows) -> tasks.add(task(ordinal, rows)));
            sections.add(new PublicApi.SectionProgress(s.ordinal(), s.title(), counts(s.figures()), tasks));
        }
        List<PublicApi.UnitProgress> units = stats.units().stream()
                .map(u -> new PublicApi.UnitProgress(u.unitName() == null ? u.unitCode() : u.unitName(), counts(u.figures())))
                .toList();
        return new PublicApi.PlanProgress(plan.id, plan.documentNumber, plan.title, plan.year, stats.asOf(),
                counts(stats.figures()), sections, units);
    }

    private static PublicApi.TaskProgress task(int ordinal, List<LedgerRow> rows) {
        List<LedgerRow> parts = rows.stream()
                .filter(r -> !r.state().equals("RETURNED") && !r.state().equals("CANCELLED")).toList();
        String state;
        if (!parts.isEmpty() && parts.stream().allMatch(r -> r.state().equals("COMPLETED"))) {
            state = "COMPLETED";
        } else if (parts.stream().anyMatch(r -> !r.state().equals("ASSIGNED"))) {
            state = "IN_PROGRESS";
        } else {
            state = "ASSIGNED";
        }
        StatusLight worst = StatusLight.worst(rows.stream().map(LedgerRow::light).filter(Objects::nonNull)
                .map(StatusLight::valueOf).toList());
        List<PublicApi.UnitState> units = parts.stream()
                .map(r -> new PublicApi.UnitState(r.unitName() == null ? r.unitCode() : r.unitName(), r.role(), r.state(), r.light()))
                .toList();
        LedgerRow first = rows.get(0);
        return new PublicApi.TaskProgress(ordinal, first.task(), first.deadline(), state,
                worst == null ? null : worst.name(), units);
    }

    private static PublicApi.Counts counts(StatsApi.Figures f) {
        return new PublicApi.Counts(f.assigned(), f.completed(), f.inProgress(), f.overdue(), f.completionRate());
    }
}
