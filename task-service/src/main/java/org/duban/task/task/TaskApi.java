package org.duban.task.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API bodies of tasks, and their one mapping from the entities. */
public final class TaskApi {
    private TaskApi() {
    }

    @Schema(name = "CreateTask", description = "A task and the units that owe it; the first unit leads (牵头)")
    public record CreateTask(
            @Schema(examples = "编制并发布2020年政务公开工作年度报告")
            @NotBlank @Size(max = 1000) String title,
            @Schema(description = "Due at the end of this day (Asia/Shanghai)", examples = "2020-12-31")
            @NotNull LocalDate deadline,
            @Schema(description = "Codes of the registry's units; the first is the lead unit", examples = "[\"sfj\", \"zsj\"]")
            @NotEmpty @Size(max = 500) List<@NotBlank String> unitCodes) {
    }

    @Schema(name = "Assignment")
    public record AssignmentView(UUID id, String unitCode, String unitName, Assignment.Role role,
                                 Assignment.State state) {
    }

    @Schema(name = "Task")
    public record TaskView(UUID id, String title, LocalDate deadline, OffsetDateTime createdAt, long version,
                           List<AssignmentView> assignments) {
        static TaskView of(Task t, Map<String, String> unitNames) {
            return new TaskView(t.id, t.title, t.deadline, t.createdAt, t.version, t.assignments.stream()
                    .map(a -> new AssignmentView(a.id, a.unitCode, unitNames.get(a.unitCode), a.role, a.state))
                    .toList());
        }
    }

    @Schema(name = "TaskPage", description = "A page of tasks; pass nextCursor as cursor for the next one")
    public record TaskPage(List<TaskView> items, String nextCursor) {
    }
}
