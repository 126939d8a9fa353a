package org.duban.task.plan;

import org.duban.task.task.ReportCycle;
import org.duban.task.task.Task;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A plan to draft with everything already decided: headings as they will be stored, each task's deadline
 * and where it came from. {@link PlanService#create} builds one from the API's {@code CreatePlan} (reading
 * deadline phrases there, once); the plan import builds one from its preview, whose deadlines were read
 * when the document was previewed — so nothing is read twice.
 */
public record PlanDraft(String documentNumber, String title, String issuer, LocalDate issueDate, int year,
                        String basisDocument, LocalDate defaultDeadline, List<Integer> reminderDays, Boolean overdueDaily,
                        List<Section> sections, ReportCycle reportCycle) {

    public record Section(String title, List<WorkItem> workItems) {
    }

    public record WorkItem(String title, List<DraftTask> tasks) {
    }

    /**
     * {@code deadline} null only for {@link Task.DeadlineSource#NONE_PERIODIC}; {@code deadlinePhrase} as written
     * (kept for the record, never read again); {@code reportCycle} the task's own 报送周期 (null: the plan's).
     */
    public record DraftTask(String text, LocalDate deadline, Task.DeadlineSource deadlineSource, String deadlinePhrase,
                            List<String> tags, String leadUnitCode, List<String> responsibleUnitCodes,
                            List<String> openGroups, ReportCycle reportCycle) {
    }

    /** What drafting created. */
    public record Drafted(UUID planId, String documentNumber, int tasks) {
    }
}
