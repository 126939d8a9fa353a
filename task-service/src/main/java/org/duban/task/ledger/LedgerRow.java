package org.duban.task.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.duban.task.report.ReportPeriods;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One row of the ledger (台账): one task x one unit. */
@Schema(name = "LedgerRow", description = "One task x unit of a plan's ledger (台账)")
public record LedgerRow(
        @Schema(examples = "1") Integer sectionOrdinal,
        @Schema(examples = "一、围绕贯彻落实党的十九届四中全会精神加强用权公开") String section,
        @Schema(examples = "1") Integer workItemOrdinal,
        @Schema(examples = "（一）以权责清单为依托，加强权力配置信息公开") String workItem,
        UUID taskId,
        @Schema(examples = "1") Integer taskOrdinal,
        @Schema(examples = "做好权责清单动态调整工作。") String task,
        UUID assignmentId,
        @Schema(examples = "sfj") String unitCode,
        @Schema(examples = "珠海市司法局") String unitName,
        @Schema(examples = "LEAD") String role,
        @Schema(examples = "IN_PROGRESS") String state,
        @Schema(description = "Null once closed", examples = "YELLOW") String light,
        LocalDate deadline,
        @Schema(description = "Working days until the deadline (open, not overdue)", examples = "3") Integer workingDaysLeft,
        @Schema(description = "Working days past the deadline (open, overdue)", examples = "2") Integer overdueWorkingDays,
        @Schema(examples = "60") int progressPercent,
        @Schema(examples = "已完成权责清单梳理") String lastProgress,
        @Schema(description = "Date of the last progress report (Asia/Shanghai)") LocalDate lastProgressOn,
        @Schema(description = "Date the assignment was completed (办结, Asia/Shanghai)") LocalDate completedOn,
        @Schema(description = "定期报送: one entry per period of the task's reporting cycle owed by the unit, in order; "
                + "empty when the task has no cycle") List<ReportCell> reports,
        @Schema(description = "Number of evidence files (佐证材料) of all the unit's progress reports", examples = "2") int evidenceCount,
        @Schema(description = "Their file names, oldest first, separated by '；' (null when none)",
                examples = "政务公开专题会议纪要.pdf；权责清单公开页面截图.png") String evidenceFiles) {

    /** One period of a reporting cycle in the ledger: 按时 ON_TIME, 逾期 LATE, 未报 MISSING, 待报 PENDING. */
    @Schema(name = "LedgerReport", description = "One period's report of a ledger row")
    public record ReportCell(@Schema(examples = "2025-Q3") String period,
                             @Schema(examples = "2025年第3季度") String label,
                             LocalDate dueOn,
                             @Schema(description = "Date of the report that fulfilled it (Asia/Shanghai), null = none")
                             LocalDate reportedOn,
                             @Schema(examples = "ON_TIME") ReportPeriods.Status status) {
    }
}
