package org.duban.task.plan;

import jakarta.enterprise.context.ApplicationScoped;
import org.duban.task.task.TaskPlans;

import java.util.UUID;

/** The plans as the task write path sees them ({@link TaskPlans}). */
@ApplicationScoped
public class PlansForTasks implements TaskPlans {

    @Override
    public Facts of(UUID planId) {
        Plan p = Plan.findById(planId);
        return p == null ? null
                : new Facts(p.documentNumber, p.state.name(), p.state == Plan.State.PUBLISHED, p.reminderPolicy());
    }
}
