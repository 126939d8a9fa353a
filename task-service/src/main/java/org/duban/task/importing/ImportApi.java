package org.duban.task.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.duban.task.deadline.ParsedDeadline;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The bodies of /plan-imports: the preview of a plan document, which may be posted back edited. */
public final class ImportApi {
    private ImportApi() {
    }

    @Schema(name = "ImportPreview", description = "What the document says, resolved and checked; nothing is created yet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preview(
            @Schema(description = "Confirm with POST /plan-imports/{id}/confirm before expiresAt") UUID id,
            OffsetDateTime expiresAt,
            @Schema(description = "text or docx") String format,
            @Schema(description = "SHA-256 of the plan's content (same for the text and the .docx of one plan)") String contentSha256,
            @Schema(description = "An existing plan with the same document number or content") UUID duplicateOfPlanId,
            @Valid @NotNull PlanMeta plan,
            @Valid @NotEmpty @Size(max = 100) List<@Valid @NotNull Section> sections,
            Counts counts,
            List<Issue> problems) {
    }

    @Schema(name = "ImportPlanMeta")
    public record PlanMeta(
            @Schema(examples = "珠府办〔2020〕9号") String documentNumber,
            @Schema(examples = "珠海市2020年政务公开工作要点分工方案") String title,
            @Schema(examples = "珠海市人民政府办公室关于印发2020年政务公开工作要点分工方案的通知") String noticeTitle,
            @Schema(examples = "珠海市人民政府办公室") String issuer,
            @Schema(examples = "2020-08-04") LocalDate issueDate,
            @Schema(examples = "2020") Integer year,
            @Schema(examples = "[\"粤府办〔2020〕14号\"]") List<String> basisDocuments,
            @Schema(examples = "[\"横琴新区管委会\", \"各区政府（管委会）\", \"市政府各部门\", \"各直属机构\"]") List<String> addressees,
            @Schema(description = "A task without a deadline phrase takes this", examples = "2020-12-31") LocalDate defaultDeadline) {
    }

    @Schema(name = "ImportSection")
    public record Section(int ordinal, String numbering, String title, int line,
                          @Valid @NotEmpty List<@Valid @NotNull WorkItem> workItems) {
    }

    @Schema(name = "ImportWorkItem")
    public record WorkItem(int ordinal, String numbering, String title, int line,
                           @Valid @NotEmpty List<@Valid @NotNull Task> tasks) {
    }

    @Schema(name = "ImportTask")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Task(
            int ordinal, int line,
            @NotNull String text,
            @Schema(description = "The 牵头及责任单位 cell as written") String unitPhrase,
            String remark,
            @Schema(examples = "[\"六稳\"]") List<String> tags,
            @Schema(description = "The lead unit (牵头): the unit marked 牵头, else the first named", examples = "zsj") String leadUnitCode,
            @Schema(examples = "[\"xzq\", \"hqxq\"]") List<String> responsibleUnitCodes,
            @Schema(description = "Open groups awaiting claims or designation", examples = "[\"市直有关单位\"]") List<String> openGroups,
            @Schema(description = "Mentions of the unit phrase that named nothing known, with candidates") List<Unresolved> unresolved,
            @Schema(description = "Units named in the task text itself") List<NamedUnit> unitsNamedInText,
            Deadline deadline) {
    }

    @Schema(name = "ImportUnresolved")
    public record Unresolved(String text, List<RegistryClient.Candidate> candidates) {
    }

    @Schema(name = "ImportNamedUnit")
    public record NamedUnit(String unitCode, String text, int offset) {
    }

    @Schema(name = "ImportDeadline")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deadline(
            @Schema(description = "DATE (from a phrase), PLAN_DEFAULT, ONGOING (no deadline, periodic reports), UNRESOLVED")
            ParsedDeadline.Kind kind, LocalDate date, String phrase, String derivation) {
    }

    @Schema(name = "ImportCounts")
    public record Counts(int sections, int workItems, int tasks, int unresolvedPhrases, int tasksWithoutUnits) {
    }

    @Schema(name = "ImportIssue", description = "A problem, with the line of the text (or the table row of a .docx)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issue(int line, String kind, String message) {
    }

    @Schema(name = "ImportConfirmed")
    public record Confirmed(UUID importId, UUID planId, String documentNumber, int tasks) {
    }
}
