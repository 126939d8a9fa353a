package org.duban.task.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.duban.task.deadline.ParsedDeadline;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The bodies of /plan-imports: the preview of a plan document, which may be posted back edited.
 * <p>
 * A preview posted back is read strictly like every body (an unknown field is a 400): it declares
 * every field the preview is written with, so a preview returned as received passes. Every text has
 * a length limit (a posted-back preview is input like any other); unit codes are checked against
 * the registry's units when the plan is created.
 */
public final class ImportApi {
    private ImportApi() {
    }

    @Schema(name = "ImportPreview", description = "What the document says, resolved and checked; nothing is created yet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preview(
            @Schema(description = "Confirm with POST /plan-imports/{id}/confirm before expiresAt") UUID id,
            OffsetDateTime expiresAt,
            @Schema(description = "The form the document was read as, told by its content: text, html, docx, doc or pdf")
            @Pattern(regexp = "text|html|docx|doc|pdf") String format,
            @Schema(description = "SHA-256 of the plan's content (same for the text and the .docx of one plan)")
            @Pattern(regexp = "[0-9a-f]{64}", message = "must be a SHA-256 in hex") String contentSha256,
            @Schema(description = "An existing plan with the same document number or content") UUID duplicateOfPlanId,
            @Valid @NotNull PlanMeta plan,
            @Valid @NotEmpty @Size(max = 100) List<@Valid @NotNull Section> sections,
            Counts counts,
            @Size(max = 10000) List<@Valid @NotNull Issue> problems) {
    }

    @Schema(name = "ImportPlanMeta")
    public record PlanMeta(
            @Schema(examples = "珠府办〔2020〕9号") @Size(max = 100) String documentNumber,
            @Schema(examples = "珠海市2020年政务公开工作要点分工方案") @Size(max = 500) String title,
            @Schema(examples = "珠海市人民政府办公室关于印发2020年政务公开工作要点分工方案的通知") @Size(max = 1000) String noticeTitle,
            @Schema(examples = "珠海市人民政府办公室") @Size(max = 200) String issuer,
            @Schema(examples = "2020-08-04") LocalDate issueDate,
            @Schema(description = "The place the plan is of, from its issuer or title; compared with the registry's city",
                    examples = "珠海市") @Size(max = 50) String city,
            @Schema(examples = "2020") @Min(2000) @Max(2100) Integer year,
            @Schema(examples = "[\"粤府办〔2020〕14号\"]") @Size(max = 20) List<@NotNull @Size(max = 200) String> basisDocuments,
            @Schema(examples = "[\"横琴新区管委会\", \"各区政府（管委会）\", \"市政府各部门\", \"各直属机构\"]")
            @Size(max = 100) List<@NotNull @Size(max = 200) String> addressees,
            @Schema(description = "A task without a deadline phrase takes this", examples = "2020-12-31") LocalDate defaultDeadline) {
    }

    @Schema(name = "ImportSection")
    public record Section(int ordinal, @Size(max = 20) String numbering, @Size(max = 500) String title, int line,
                          @Valid @NotEmpty @Size(max = 100) List<@Valid @NotNull WorkItem> workItems) {
    }

    @Schema(name = "ImportWorkItem")
    public record WorkItem(int ordinal, @Size(max = 20) String numbering, @Size(max = 500) String title, int line,
                           @Valid @NotEmpty @Size(max = 100) List<@Valid @NotNull Task> tasks) {
    }

    @Schema(name = "ImportTask")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Task(
            int ordinal, int line,
            @NotNull @Size(max = 4000) String text,
            @Schema(description = "The 牵头及责任单位 cell as written") @Size(max = 1000) String unitPhrase,
            @Size(max = 1000) String remark,
            @Schema(examples = "[\"六稳\"]") @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            @Schema(description = "The lead unit (牵头): the unit marked 牵头, else the first named", examples = "zsj")
            @Size(max = 40) String leadUnitCode,
            @Schema(description = "Every lead when the phrase names several (X、Y分别牵头落实); the plan's task takes the first "
                    + "as leadUnitCode and the others among responsibleUnitCodes", examples = "[\"jrb\", \"rmyh\"]")
            @Size(max = 50) List<@NotBlank @Size(max = 40) String> leadUnitCodes,
            @Schema(examples = "[\"xzq\", \"hqxq\"]") @Size(max = 500) List<@NotBlank @Size(max = 40) String> responsibleUnitCodes,
            @Schema(description = "Open groups awaiting claims or designation", examples = "[\"市直有关单位\"]")
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> openGroups,
            @Schema(description = "Mentions of the unit phrase that named nothing known, with candidates")
            @Size(max = 100) List<@Valid @NotNull Unresolved> unresolved,
            @Schema(description = "Units named in the task text itself") @Size(max = 500) List<@Valid @NotNull NamedUnit> unitsNamedInText,
            @Valid Deadline deadline) {
    }

    @Schema(name = "ImportUnresolved")
    public record Unresolved(@Size(max = 1000) String text, @Size(max = 100) List<@Valid @NotNull Candidate> candidates) {
    }

    /** A unit or group the registry suggests for an unresolved mention (as RegistryClient.Candidate, with limits). */
    @Schema(name = "ImportCandidate")
    public record Candidate(@Size(max = 20) String kind, @Size(max = 40) String code, @Size(max = 200) String name, double score) {
        static Candidate of(RegistryClient.Candidate c) {
            return new Candidate(c.kind(), c.code(), c.name(), c.score());
        }
    }

    @Schema(name = "ImportNamedUnit")
    public record NamedUnit(@Size(max = 40) String unitCode, @Size(max = 200) String text, int offset) {
    }

    @Schema(name = "ImportDeadline")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deadline(
            @Schema(description = "DATE (from a phrase), PLAN_DEFAULT, ONGOING (no deadline, periodic reports), UNRESOLVED")
            ParsedDeadline.Kind kind, LocalDate date, @Size(max = 200) String phrase, @Size(max = 1000) String derivation) {
    }

    @Schema(name = "ImportCounts")
    public record Counts(int sections, int workItems, int tasks, int unresolvedPhrases, int tasksWithoutUnits) {
    }

    @Schema(name = "ImportIssue", description = "A problem, with the line of the text (or the table row of a .docx)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issue(int line, @Size(max = 50) String kind, @Size(max = 2000) String message) {
    }

    @Schema(name = "ImportConfirmed")
    public record Confirmed(UUID importId, UUID planId, String documentNumber, int tasks) {
    }
}
