package org.duban.task.task;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API bodies of tasks and assignments. Views are built in one place, {@link TaskViews}. */
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
            @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 40) String> unitCodes,
            @Schema(description = "报送周期: periodic progress reports owed besides the deadline; none by default")
            ReportCycle reportCycle) {
        public CreateTask(String title, LocalDate deadline, List<String> unitCodes) {
            this(title, deadline, unitCodes, null);
        }
    }

    @Schema(name = "ProgressReport", description = "进展报送")
    public record ProgressView(UUID id, String summary, int percent, List<String> evidenceLinks, String nextSteps,
                               String actor, OffsetDateTime reportedAt,
                               @Schema(description = "佐证材料: the files sent with the report (issue 19), in upload order")
                               List<EvidenceView> evidence) {
        /** {@code evidence}: the report's files, by report id ({@link ReportEvidence#byReport}). */
        static ProgressView of(ProgressReport r, Map<UUID, List<EvidenceView>> evidence) {
            return r == null ? null : new ProgressView(r.id, r.summary, r.percent, r.evidenceLinks, r.nextSteps,
                    r.actor, r.reportedAt, evidence.getOrDefault(r.id, List.of()));
        }
    }

    @Schema(name = "EvidenceFile", description = "佐证材料: a file sent with a progress report. Its type was decided by its "
            + "content; download it at downloadPath (same access as the report: the unit's own callers, the supervisor, the viewer)")
    public record EvidenceView(
            UUID id,
            @Schema(examples = "政务公开专题会议纪要.pdf") String fileName,
            @Schema(examples = "application/pdf") String mediaType,
            @Schema(examples = "482133") long size,
            @Schema(description = "Hex SHA-256 of the bytes") String sha256,
            OffsetDateTime uploadedAt,
            @Schema(examples = "/api/v1/assignments/5f0c…/progress-reports/8a1e…/evidence/c2d4…") String downloadPath) {
    }

    @Schema(name = "ExtensionRequest", description = "延期申请")
    public record ExtensionView(UUID id, UUID assignmentId, ExtensionRequest.State state, String reason,
                                LocalDate previousDeadline, LocalDate requestedDeadline, String requestedBy,
                                OffsetDateTime requestedAt, String decidedBy, OffsetDateTime decidedAt,
                                String decisionReason) {
        static ExtensionView of(ExtensionRequest e) {
            return e == null ? null : new ExtensionView(e.id, e.assignmentId, e.state, e.reason, e.previousDeadline,
                    e.requestedDeadline, e.requestedBy, e.requestedAt, e.decidedBy, e.decidedAt, e.decisionReason);
        }
    }

    @Schema(name = "Assignment", description = "What one unit owes for one task, with its state, light and latest progress. "
            + "Another unit's assignment in a shared task or a published plan is redacted for a unit-operator or an "
            + "integration not acting for that unit: unit, role, state, deadline and light only (progressPercent, "
            + "latestProgress and pendingExtension null, redacted true)")
    public record AssignmentView(UUID id, UUID taskId, String taskTitle, UUID planId, String unitCode, String unitName,
                                 Assignment.Role role, Assignment.Origin origin, Assignment.State state,
                                 LocalDate deadline, StatusLight light,
                                 @Schema(description = "The latest reported percent; null when redacted", examples = "60")
                                 Integer progressPercent,
                                 @Schema(description = "Null before any report, and when redacted") ProgressView latestProgress,
                                 @Schema(description = "Null when none is pending, and when redacted") ExtensionView pendingExtension,
                                 @Schema(description = "The actions allowed in this state (slugs)", examples = "[\"accept\", \"return\"]")
                                 List<String> allowedActions, OffsetDateTime createdAt, long version,
                                 @Schema(description = "True when this is another unit's assignment and the caller may not read "
                                         + "that unit's work: its progress, extension request and reasons are left out")
                                 boolean redacted) {
    }

    @Schema(name = "Task")
    public record TaskView(UUID id, String title, UUID planId, UUID sectionId, UUID workItemId, Integer ordinal,
                           LocalDate deadline,
                           @Schema(examples = "2020年底前") String deadlinePhrase,
                           Task.DeadlineSource deadlineSource,
                           @Schema(examples = "[\"六稳\"]") List<String> tags,
                           String leadUnitCode, List<String> responsibleUnitCodes,
                           @Schema(examples = "[\"市直有关单位\"]") List<String> openGroups,
                           @Schema(description = "The worst light of the open assignments") StatusLight light,
                           OffsetDateTime createdAt, long version, List<AssignmentView> assignments,
                           @Schema(description = "报送周期 in force: the task's own, else its plan's; null = none") ReportCycle reportCycle) {
    }

    @Schema(name = "TaskPage", description = "A page of tasks; pass nextCursor as cursor for the next one")
    public record TaskPage(List<TaskView> items, String nextCursor) {
    }

    @Schema(name = "AssignmentPage", description = "A page of assignments; pass nextCursor as cursor for the next one")
    public record AssignmentPage(List<AssignmentView> items, String nextCursor) {
    }

    // --- lifecycle requests -------------------------------------------------------------------

    /** An evidence link is shown to people as a link: http(s) only (no javascript: or data: URLs), no spaces or markup. */
    static final String EVIDENCE_LINK = "https?://[^\\s<>\"]+";

    @Schema(name = "Note", description = "An optional remark kept in the history")
    public record Note(@Schema(examples = "已签收，安排专人负责") @Size(max = 2000) String note) {
    }

    @Schema(name = "ReportProgress", description = "进展报送")
    public record ReportProgress(
            @Schema(examples = "已完成权责清单梳理，正在报审") @NotBlank @Size(max = 4000) String summary,
            @Schema(examples = "60") @NotNull @Min(0) @Max(100) Integer percent,
            @Schema(description = "http(s) links to where the work can be seen", examples = "[\"https://www.zhuhai.gov.cn/zwgk/qzqd/\"]")
            @Size(max = 20) List<@NotBlank @Size(max = 2000) @Pattern(regexp = EVIDENCE_LINK, message = "must be an http(s) URL") String> evidenceLinks,
            @Schema(examples = "9月底前完成公开") @Size(max = 4000) String nextSteps) {
    }

    @Schema(name = "Reason", description = "Why (退回, 退回重办, 撤销)")
    public record Reason(@Schema(examples = "该事项不属于本单位职责") @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "RequestExtension", description = "延期申请: before the deadline, a later date and why")
    public record RequestExtension(
            @Schema(examples = "需待省平台上线后方可完成") @NotBlank @Size(max = 2000) String reason,
            @Schema(examples = "2021-03-31") @NotNull LocalDate newDeadline) {
    }

    @Schema(name = "Urge", description = "催办")
    public record Urge(@Schema(examples = "请于本周五前报送进展") @NotBlank @Size(max = 2000) String message) {
    }

    @Schema(name = "ChangeDeadline")
    public record ChangeDeadline(@Schema(examples = "2021-01-31") @NotNull LocalDate deadline,
                                 @Schema(examples = "根据省里部署调整") @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "Claim", description = "认领: a unit takes on a task addressed to an open group")
    public record Claim(@Schema(examples = "jtj") @NotBlank @Size(max = 40) String unitCode,
                        @Schema(examples = "市直有关单位") @Size(max = 200) String group) {
    }

    @Schema(name = "Designate", description = "The supervisor designates units for a task addressed to an open group")
    public record Designate(@Schema(examples = "[\"jtj\", \"zjj\"]") @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 40) String> unitCodes,
                            @Schema(examples = "市直有关单位") @Size(max = 200) String group,
                            @Schema(examples = "根据职责指定") @Size(max = 2000) String reason) {
    }

    @Schema(name = "HistoryEntry", description = "One change of a task: who, when, what, why. An entry of another unit's "
            + "assignment is redacted for a unit-operator or an integration not acting for that unit: action, time, unit "
            + "and states only (actor and reason null, details reduced to role, origin, group and deadlines, redacted true)")
    public record HistoryView(long seq, UUID taskId, UUID assignmentId, String unitCode, String action,
                              @Schema(description = "The token subject that acted; null when redacted", examples = "unit:sfj")
                              String actor,
                              OffsetDateTime at, String fromState, String toState,
                              @Schema(description = "The note or reason given; null when redacted") String reason,
                              Map<String, Object> details,
                              @Schema(description = "True when this entry is another unit's and its texts and actor are left out")
                              boolean redacted) {
    }

    @Schema(name = "HistoryPage")
    public record HistoryPage(List<HistoryView> items, String nextCursor) {
    }
}
