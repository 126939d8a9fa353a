package org.duban.task.report;

import jakarta.enterprise.context.ApplicationScoped;
import org.duban.task.plan.Plan;
import org.duban.task.task.ReportCycle;
import org.duban.task.task.ReportCycles;
import org.duban.task.task.Task;

/**
 * The reporting cycle a task is under: its own, else its plan's (null = none). Read through the persistence
 * context: a task just created or a plan just published costs no query.
 */
@ApplicationScoped
public class CycleInForce {

    /** The stored JSON of the cycle in force, null = none. */
    public String json(Task t) {
        if (t.reportCycle != null) {
            return t.reportCycle;
        }
        if (t.planId == null) {
            return null;
        }
        Plan p = Plan.getEntityManager().find(Plan.class, t.planId);
        return p == null ? null : p.reportCycle;
    }

    public ReportCycle inForce(Task t) {
        return ReportCycles.fromJson(json(t));
    }
}
