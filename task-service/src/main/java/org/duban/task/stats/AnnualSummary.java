package org.duban.task.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.task.plan.Plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The annual-report summary of a plan: its figures and a short Chinese text of how it was carried out, for the
 * 政府信息公开工作年度报告, as a value and as Markdown.
 */
@ApplicationScoped
public class AnnualSummary {

    static final int LEADING_UNITS = 5;

    @Inject
    Statistics statistics;

    public StatsApi.AnnualSummary of(UUID planId) {
        StatsApi.PlanStats s = statistics.of(planId);
        int year = Plan.<Plan>findByIdOptional(planId).map(p -> p.year).orElse(s.asOf().getYear());
        List<StatsApi.UnitStats> leading = s.units().stream().filter(u -> u.rank() <= LEADING_UNITS)
                .filter(u -> u.figures().completed() > 0).limit(LEADING_UNITS).toList();
        return new StatsApi.AnnualSummary(s.planId(), s.documentNumber(), s.title(), year, s.asOf(), s.taskCount(),
                s.unitCount(), s.figures(), s.sections(), leading, text(year, s, leading));
    }

    static String text(int year, StatsApi.PlanStats s, List<StatsApi.UnitStats> leading) {
        StatsApi.Figures f = s.figures();
        StringBuilder t = new StringBuilder();
        t.append(year).append("年，我市按照《").append(s.title()).append("》（").append(s.documentNumber())
                .append("）要求，将").append(s.taskCount()).append("项工作任务分解落实到").append(s.unitCount())
                .append("个单位，共形成").append(f.assigned()).append("项分工任务。");
        t.append("截至").append(chineseDate(s.asOf())).append("，已办结").append(f.completed()).append("项，办结率")
                .append(percent(f.completionRate()));
        if (f.completed() > 0) {
            t.append("，其中按期办结").append(f.completedOnTime()).append("项，按期办结率").append(percent(f.onTimeRate()));
        }
        t.append("；正在办理").append(f.inProgress()).append("项");
        t.append(f.overdue() > 0 ? "，逾期未办结" + f.overdue() + "项" : "，无逾期未办结任务");
        if (f.returned() > 0) {
            t.append("；责任单位退回").append(f.returned()).append("项");
        }
        if (f.extensionRequests() > 0) {
            t.append("；申请延期").append(f.extensionRequests()).append("次");
        }
        t.append("。");
        if (!s.sections().isEmpty()) {
            t.append("分领域看，");
            for (int i = 0; i < s.sections().size(); i++) {
                StatsApi.SectionStats sec = s.sections().get(i);
                t.append(i == 0 ? "" : "；").append("“").append(stripOrdinal(sec.title())).append("”方面办结")
                        .append(sec.figures().completed()).append("项（共").append(sec.figures().assigned()).append("项）");
            }
            t.append("。");
        }
        if (!leading.isEmpty()) {
            t.append("办结率排名靠前的单位有");
            for (int i = 0; i < leading.size(); i++) {
                t.append(i == 0 ? "" : "、").append(leading.get(i).unitName() == null ? leading.get(i).unitCode()
                        : leading.get(i).unitName());
            }
            t.append("。");
        }
        if (f.overdue() > 0) {
            t.append("对逾期未办结的任务，将持续跟踪督办，推动按要求落实到位。");
        }
        return t.toString();
    }

    /** The summary as Markdown: the text, then the figures, the sections and the leading units as tables. */
    static String markdown(StatsApi.AnnualSummary a) {
        StatsApi.Figures f = a.figures();
        StringBuilder m = new StringBuilder();
        m.append("# ").append(a.title()).append("执行情况（").append(a.year()).append("年度）\n\n");
        m.append(a.text()).append("\n\n");
        m.append("## 主要数据\n\n| 指标 | 数值 |\n| --- | ---: |\n");
        row(m, "工作任务", a.taskCount());
        row(m, "责任单位", a.unitCount());
        row(m, "分工任务", f.assigned());
        row(m, "已签收", f.accepted());
        row(m, "正在办理", f.inProgress());
        row(m, "已办结", f.completed());
        row(m, "按期办结", f.completedOnTime());
        row(m, "逾期未办结", f.overdue());
        row(m, "退回", f.returned());
        row(m, "延期申请", f.extensionRequests());
        m.append("| 办结率 | ").append(percent(f.completionRate())).append(" |\n");
        m.append("| 按期办结率 | ").append(percent(f.onTimeRate())).append(" |\n\n");
        m.append("## 分领域情况\n\n| 部分 | 分工任务 | 已办结 | 按期办结 | 逾期 | 办结率 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (StatsApi.SectionStats s : a.sections()) {
            StatsApi.Figures g = s.figures();
            m.append("| ").append(cell(s.title())).append(" | ").append(g.assigned()).append(" | ").append(g.completed())
                    .append(" | ").append(g.completedOnTime()).append(" | ").append(g.overdue()).append(" | ")
                    .append(percent(g.completionRate())).append(" |\n");
        }
        if (!a.leadingUnits().isEmpty()) {
            m.append("\n## 办结率排名靠前的单位\n\n| 排名 | 单位 | 已办结 | 办结率 |\n| ---: | --- | ---: | ---: |\n");
            for (StatsApi.UnitStats u : a.leadingUnits()) {
                m.append("| ").append(u.rank()).append(" | ").append(cell(u.unitName() == null ? u.unitCode() : u.unitName()))
                        .append(" | ").append(u.figures().completed()).append(" | ")
                        .append(percent(u.figures().completionRate())).append(" |\n");
            }
        }
        m.append("\n数据截至").append(chineseDate(a.asOf())).append("。\n");
        return m.toString();
    }

    private static void row(StringBuilder m, String label, long n) {
        m.append("| ").append(label).append(" | ").append(n).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** "一、加强用权公开" → "加强用权公开". */
    static String stripOrdinal(String title) {
        return title.replaceFirst("^[一二三四五六七八九十]+、", "");
    }
}
