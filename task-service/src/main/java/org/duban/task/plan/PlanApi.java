package org.duban.task.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.duban.task.task.ReportCycle;
import org.duban.task.task.TaskApi;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The API bodies of plans. */
public final class PlanApi {
    private PlanApi() {
    }

    @Schema(name = "CreatePlan", description = "A draft plan (分工方案) with its sections, work items and tasks")
    public record CreatePlan(
            @Schema(examples = "珠府办〔2020〕9号") @NotBlank @Size(max = 100) String documentNumber,
            @Schema(examples = "珠海市2020年政务公开工作要点分工方案") @NotBlank @Size(max = 500) String title,
            @Schema(examples = "珠海市人民政府办公室") @Size(max = 200) String issuer,
            @Schema(examples = "2020-08-04") LocalDate issueDate,
            @Schema(examples = "2020") @NotNull @Min(2000) @Max(2100) Integer year,
            @Schema(examples = "《广东省人民政府办公厅关于转发国务院办公厅2020年政务公开工作要点的通知》（粤府办〔2020〕14号）")
            @Size(max = 1000) String basisDocument,
            @Schema(description = "Deadline of a task that names none; default: 31 December of the year", examples = "2020-12-31")
            LocalDate defaultDeadline,
            @Schema(description = "Reminder thresholds in working days before the deadline; default [5, 3, 1]", examples = "[5, 3, 1]")
            @Size(max = 10) List<@NotNull @Min(0) @Max(60) Integer> reminderDays,
            @Schema(description = "Remind daily once overdue; default true", examples = "true") Boolean overdueDaily,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull SectionInput> sections,
            @Schema(description = "报送周期 its tasks inherit (a task may give its own); none by default")
            ReportCycle reportCycle) {
    }

    @Schema(name = "SectionInput", description = "一、…")
    public record SectionInput(
            @Schema(examples = "一、围绕贯彻落实党的十九届四中全会精神加强用权公开") @NotBlank @Size(max = 500) String title,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull WorkItemInput> workItems) {
    }

    @Schema(name = "WorkItemInput", description = "（一）…")
    public record WorkItemInput(
            @Schema(examples = "（一）以权责清单为依托，加强权力配置信息公开") @NotBlank @Size(max = 500) String title,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull PlanTaskInput> tasks) {
    }

    @Schema(name = "PlanTaskInput", description = "A task of the plan and the units it names")
    public record PlanTaskInput(
            @Schema(examples = "2020年底前，全市政府网站全部支持互联网协议第6版。") @NotBlank @Size(max = 4000) String text,
            @Schema(description = "Due at the end of this day; else derived from the phrase, else the plan's default", examples = "2020-12-31")
            LocalDate deadline,
            @Schema(examples = "2020年底前") @Size(max = 200) String deadlinePhrase,
            @Schema(description = "No deadline: continuing work with periodic reports (长期坚持, 持续推进)") Boolean periodic,
            @Schema(examples = "[\"六稳\"]") @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            @Schema(description = "The lead unit (牵头)", examples = "zsj") @Size(max = 40) String leadUnitCode,
            @Schema(description = "The other units (责任)", examples = "[\"xzq\", \"hqxq\"]")
            @Size(max = 500) List<@NotBlank @Size(max = 40) String> responsibleUnitCodes,
            @Schema(description = "Phrases naming units still to be claimed or designated", examples = "[\"市直有关单位\"]")
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> openGroups,
            @Schema(description = "报送周期 of this task, instead of the plan's") ReportCycle reportCycle) {
    }

    @Schema(name = "WorkItem")
    public record WorkItemView(UUID id, int ordinal, String title, List<TaskApi.TaskView> tasks) {
    }

    @Schema(name = "Section")
    public record SectionView(UUID id, int ordinal, String title, List<WorkItemView> workItems) {
    }

    @Schema(name = "Plan")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanView(UUID id, String documentNumber, String title, String issuer, LocalDate issueDate, int year,
                           String basisDocument, LocalDate defaultDeadline, Plan.State state, List<Integer> reminderDays,
                           boolean overdueDaily, OffsetDateTime createdAt, OffsetDateTime publishedAt, long version,
                           int taskCount,
                           @Schema(description = "Left out in lists") List<SectionView> sections,
                           @Schema(description = "报送周期 its tasks inherit; null = none") ReportCycle reportCycle) {
    }

    @Schema(name = "PlanPage")
    public record PlanPage(List<PlanView> items, String nextCursor) {
    }
}
