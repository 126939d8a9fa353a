package org.duban.task.task;

import java.util.UUID;

/**
 * What the task write path needs of a task's plan: its 文号 (for the events' task part), whether its tasks are live,
 * its reminder policy. Owned here and implemented by plan ({@code PlansForTasks}), so that plan depends on task and
 * not the reverse (issue 18).
 */
public interface TaskPlans {

    /** The plan, through the persistence context (a plan just published costs no query); null when there is none. */
    Facts of(UUID planId);

    /** @param state the plan's state (DRAFT, PUBLISHED); {@code published}: its tasks are live */
    record Facts(String documentNumber, String state, boolean published, AssignmentLifecycle.ReminderPolicy reminderPolicy) {
    }
}
