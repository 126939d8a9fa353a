package org.duban.task.publicprogress;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The public progress of a published plan: states, lights and counts only — no contacts, no progress texts,
 * no comments, no return reasons.
 */
public final class PublicApi {
    private PublicApi() {
    }

    @Schema(name = "PublicCounts", description = "Counts of a plan, section or unit (task x unit assignments)")
    public record Counts(@Schema(examples = "12") long assigned, @Schema(examples = "3") long completed,
                         @Schema(examples = "6") long inProgress, @Schema(examples = "2") long overdue,
                         @Schema(description = "completed / assigned", examples = "0.25") Double completionRate) {
    }

    @Schema(name = "PublicUnitState", description = "One unit's part in a task")
    public record UnitState(@Schema(examples = "珠海市司法局") String unit, @Schema(examples = "LEAD") String role,
                            @Schema(examples = "IN_PROGRESS") String state,
                            @Schema(description = "Null once closed", examples = "GREEN") String light) {
    }

    @Schema(name = "PublicTask")
    public record TaskProgress(int ordinal, @Schema(examples = "全市政府网站全部支持互联网协议第6版。") String title,
                               LocalDate deadline,
                               @Schema(description = "COMPLETED when every unit's part is completed; else IN_PROGRESS once any unit accepted; else ASSIGNED",
                                       examples = "IN_PROGRESS") String state,
                               @Schema(description = "The worst light of its open parts; null when none is open", examples = "YELLOW") String light,
                               List<UnitState> units) {
    }

    @Schema(name = "PublicSection")
    public record SectionProgress(int ordinal, @Schema(examples = "一、加强用权公开") String title, Counts counts,
                                  List<TaskProgress> tasks) {
    }

    @Schema(name = "PublicUnit", description = "A unit's counts over the plan")
    public record UnitProgress(@Schema(examples = "珠海市司法局") String unit, Counts counts) {
    }

    @Schema(name = "PublicPlanProgress", description = "Progress of a published plan, for portals")
    public record PlanProgress(UUID id, @Schema(examples = "珠府办〔2020〕9号") String documentNumber,
                               @Schema(examples = "珠海市2020年政务公开工作要点分工方案") String title, int year,
                               @Schema(description = "Lights and overdue counts are as of this date") LocalDate asOf,
                               Counts counts, List<SectionProgress> sections, List<UnitProgress> units) {
    }
}
