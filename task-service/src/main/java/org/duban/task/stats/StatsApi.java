package org.duban.task.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The bodies of the statistics and annual-summary endpoints. */
public final class StatsApi {
    private StatsApi() {
    }

    @Schema(name = "Figures", description = "Counts of assignments (task x unit) and the rates derived from them")
    public record Figures(
            @Schema(description = "All assignments except cancelled ones (分解任务)", examples = "12") long assigned,
            @Schema(description = "Accepted by the unit (签收) and not returned or cancelled: ACCEPTED, IN_PROGRESS, SUBMITTED, COMPLETED", examples = "9") long accepted,
            @Schema(description = "Accepted and not yet completed: ACCEPTED, IN_PROGRESS, SUBMITTED", examples = "6") long inProgress,
            @Schema(description = "办结", examples = "3") long completed,
            @Schema(description = "Completed on or before the assignment's deadline (Asia/Shanghai date)", examples = "2") long completedOnTime,
            @Schema(description = "Open (ASSIGNED, ACCEPTED, IN_PROGRESS) and past the deadline today", examples = "2") long overdue,
            @Schema(description = "退回 by the unit", examples = "1") long returned,
            @Schema(description = "延期申请 made (any outcome)", examples = "1") long extensionRequests,
            @Schema(description = "completed / assigned (null if nothing is assigned)", examples = "0.25") Double completionRate,
            @Schema(description = "completedOnTime / completed (null if nothing is completed)", examples = "0.6667") Double onTimeRate) {
    }

    @Schema(name = "SectionStatistics")
    public record SectionStats(UUID sectionId, int ordinal, @Schema(examples = "一、加强用权公开") String title, Figures figures) {
    }

    @Schema(name = "UnitStatistics", description = "A unit's figures and its place in the ranking (排名)")
    public record UnitStats(@Schema(examples = "1") int rank, @Schema(examples = "sfj") String unitCode,
                            @Schema(examples = "珠海市司法局") String unitName, Figures figures) {
    }

    @Schema(name = "WeeklyCompletions", description = "Completions in the week starting on weekStart (Monday, Asia/Shanghai)")
    public record Week(LocalDate weekStart, long completed, long completedOnTime) {
    }

    @Schema(name = "PlanStatistics", description = "A plan's figures, per section, per unit (ranked) and per week")
    public record PlanStats(UUID planId, @Schema(examples = "珠府办〔2020〕9号") String documentNumber,
                            @Schema(examples = "珠海市2020年政务公开工作要点分工方案") String title,
                            @Schema(description = "The date overdue is counted on") LocalDate asOf,
                            @Schema(examples = "28") long taskCount, @Schema(examples = "62") long unitCount,
                            Figures figures, List<SectionStats> sections,
                            @Schema(description = "Ranked: completion rate, then on-time rate, then fewest overdue; ties share a rank")
                            List<UnitStats> units, List<Week> weekly,
                            @Schema(description = "定期报送: the periodic reports of the plan's reporting cycles, all units")
                            ReportFigures reports,
                            @Schema(description = "定期报送 per unit, highest on-time rate first (units owing no report left out)")
                            List<UnitReports> unitReports) {
    }

    @Schema(name = "ReportFigures", description = "Periodic reports (定期报送) that were due or made: periods reported on "
            + "time (按时), late (逾期) or missing (未报: past due, none); periods not yet due and unreported are not counted, "
            + "nor those due after the assignment closed")
    public record ReportFigures(@Schema(description = "onTime + late + missing", examples = "12") long due,
                                @Schema(examples = "9") long onTime, @Schema(examples = "2") long late,
                                @Schema(examples = "1") long missing,
                                @Schema(description = "onTime / due (null when nothing was due)", examples = "0.75") Double onTimeRate) {
    }

    @Schema(name = "UnitReportStatistics", description = "A unit's periodic reports")
    public record UnitReports(@Schema(examples = "sfj") String unitCode, @Schema(examples = "珠海市司法局") String unitName,
                              ReportFigures figures) {
    }

    @Schema(name = "AnnualSummary", description = "A plan's figures and a text for the 政府信息公开工作年度报告")
    public record AnnualSummary(UUID planId, String documentNumber, String title, int year, LocalDate asOf,
                                long taskCount, long unitCount, Figures figures, List<SectionStats> sections,
                                @Schema(description = "Up to five units at the top of the ranking") List<UnitStats> leadingUnits,
                                @Schema(description = "Generated Chinese text, ready to paste",
                                        examples = "2020年，我市按照《珠海市2020年政务公开工作要点分工方案》（珠府办〔2020〕9号）……")
                                String text) {
    }
}
