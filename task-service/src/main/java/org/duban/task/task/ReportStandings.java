package org.duban.task.task;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What the task views need of the periodic reports (报送周期, issue 19): the cycle a task is under and where its
 * assignments stand with their reports, for the light. Owned here and implemented by report's {@code ReportDues},
 * so that report depends on task and not the reverse (issue 18).
 */
public interface ReportStandings {

    /** The reporting cycle in force for the task: its own, else its plan's; null = none. */
    ReportCycle inForce(Task t);

    /** Where each assignment stands with its reports today (assignments without a cycle are left out). */
    Map<UUID, ReportStanding> standings(Collection<UUID> assignmentIds);
}
