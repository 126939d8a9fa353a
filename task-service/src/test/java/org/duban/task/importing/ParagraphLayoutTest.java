package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Plans without a table: numbered paragraphs ending in a unit parenthesis, or followed by labelled lines. */
class ParagraphLayoutTest {

    private static List<List<String>> cells(PlanLayout layout) {
        return layout.rows().stream().map(PlanLayout.Row::cells).toList();
    }

    @Test
    void numberedParagraphsEndingInAUnitParenthesisBecomeTaskRowsUnderSyntheticHeadings() {
        String doc = """
                济南市钢城区人民政府办公室
                2021年4月10日
                深化“放管服”改革优化营商环境2021年重点任务分工方案
                为加快推进政府职能转变,结合我区实际,制定本方案。
                一、推进简政放权,释放发展活力
                (一)规范精简审批,进一步提高行政效能。
                1.及时承接落实省、市政府下放的行政权力事项。〔牵头单位:区政府办公室,责任单位:区政府有关部门,各街道(功能区)〕
                2.严格落实行政许可设定审查制度。(牵头单位:区政府办公室、区司法局;责任单位:区政府有关部门)
                3. 加快推进企业开办全程网办，
                压缩开办时间。（牵头单位：区市场监管局；责任单位：区税务局；完成时限：2021年6月底前）
                4.深化投资审批制度改革,探索创新投资管理服务方式。(牵头单位:区行政审批服务局;责任单位:区政
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(ParagraphLayout.HEADER, layout.header().cells());
        assertEquals(5, layout.header().line());
        assertEquals(4, layout.notice().size());
        assertEquals(List.of(
                List.of("一、推进简政放权,释放发展活力"),
                List.of("(一)规范精简审批,进一步提高行政效能", "", "", ""),
                List.of("", "1.及时承接落实省、市政府下放的行政权力事项。", "牵头单位:区政府办公室,责任单位:区政府有关部门,各街道(功能区)", ""),
                List.of("", "2.严格落实行政许可设定审查制度。", "牵头单位:区政府办公室、区司法局;责任单位:区政府有关部门", ""),
                List.of("", "3. 加快推进企业开办全程网办，压缩开办时间。", "牵头单位：区市场监管局；责任单位：区税务局", "2021年6月底前"),
                List.of("", "4.深化投资审批制度改革,探索创新投资管理服务方式。(牵头单位:区行政审批服务局;责任单位:区政", "", "")),
                cells(layout));
        assertEquals(List.of(5, 6, 7, 8, 9, 11), layout.rows().stream().map(PlanLayout.Row::line).toList());

        ParsedPlan plan = PlanStructure.build(layout);
        assertEquals(1, plan.sections().size());
        assertEquals("规范精简审批,进一步提高行政效能", plan.sections().get(0).workItems().get(0).title());
        ParsedPlan.Task third = plan.sections().get(0).workItems().get(0).tasks().get(2);
        assertEquals("牵头单位：区市场监管局；责任单位：区税务局", third.unitPhrase());
        assertEquals("2021年6月底前", third.deadlineText());
    }

    @Test
    void aUnitParenthesisOrASentenceWrappedOntoALineOfItsOwnStaysWithTheTaskAbove() {
        // what a PDF's text layer gives when the parenthesis does not fit on the sentence's last line
        String doc = """
                一、推进决策公开
                1.抓紧构建基层行政决策公众参与机制，于2020年底前编制完成基层政务公开事项标准目录。
                （市政府办公室，各区政府（管委会））
                2.进一步建立健全政策解读工作机制。
                围绕“六稳”“六保”着力加强重要政策解读。（市直各单位，各区政府（管委会））
                """;
        assertEquals(List.of(
                List.of("一、推进决策公开"),
                List.of("", "1.抓紧构建基层行政决策公众参与机制，于2020年底前编制完成基层政务公开事项标准目录。", "市政府办公室，各区政府（管委会）", ""),
                List.of("", "2.进一步建立健全政策解读工作机制。围绕“六稳”“六保”着力加强重要政策解读。", "市直各单位，各区政府（管委会）", "")),
                ParagraphLayout.layout(doc.split("\n")).rows().stream().map(PlanLayout.Row::cells).toList());
    }

    @Test
    void aWorkItemNumberThatCarriesUnitsIsTheTasksOwnNumber() {
        String doc = """
                (一)持续深化政务公开三级清单管理。推进重点领域政务公开三级清单的动态更新。(市政府办公厅牵头,各区政府、市政府各部门负责落实)
                (二)加强行政机关公文公开属性管理。出台公文公开属性管理工作制度。(市政府办公厅牵头,各区政府、市政府各部门负责落实)
                (三)推进重大行政决策公开。进一步明确决策公开的标准和要求,保障人民群众的知情权、参与权和
                """;
        assertEquals(List.of(
                List.of("", "(一)持续深化政务公开三级清单管理。推进重点领域政务公开三级清单的动态更新。", "市政府办公厅牵头,各区政府、市政府各部门负责落实", ""),
                List.of("", "(二)加强行政机关公文公开属性管理。出台公文公开属性管理工作制度。", "市政府办公厅牵头,各区政府、市政府各部门负责落实", ""),
                List.of("", "(三)推进重大行政决策公开。进一步明确决策公开的标准和要求,保障人民群众的知情权、参与权和", "", "")),
                cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void subTasksRunningOnOneLineAfterTheirTitleAreSplitAtEachUnitParenthesis() {
        String doc = "一、持续减少审批事项\n"
                + "1.深化商事制度改革。(1)全面落实“多证合一、一照一码”改革。已被整合的证照一律不再发放。(市工商质监局牵头负责)"
                + "(2)完善企业登记全程电子化。推行网上申请、原件后补的审批机制。(市工商质监局牵头负责)(3)推进简易注销登记改革。对未开业企业\n";
        assertEquals(List.of(
                List.of("一、持续减少审批事项"),
                List.of("1.深化商事制度改革", "", "", ""),
                List.of("", "(1)全面落实“多证合一、一照一码”改革。已被整合的证照一律不再发放。", "市工商质监局牵头负责", ""),
                List.of("", "(2)完善企业登记全程电子化。推行网上申请、原件后补的审批机制。", "市工商质监局牵头负责", ""),
                List.of("", "(3)推进简易注销登记改革。对未开业企业", "", "")), cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void labelledUnitLinesAfterATaskAreComposedAndALeadersNameIsNotAUnit() {
        String doc = """
                    一、确保完成全年主要预期目标

                    1. 地区生产总值增长8%以上。

                    牵头负责领导:金力。

                    牵头责任单位:市发展改革委。

                    协同责任单位:市经信局、市商务局等,各县、市、区政府。

                    2. 财政收入增长8%左右。

                    责任单位:市财政局(第一责任单位为牵头单位,下同)

                    时限要求:持续推进

                    3. 社会消费品零售总额增长10.5%以上。

                    牵头负责领导:姚志。

                    牵头责任
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(List.of(
                List.of("一、确保完成全年主要预期目标"),
                List.of("", "1. 地区生产总值增长8%以上。", "牵头单位：市发展改革委；责任单位：市经信局、市商务局等,各县、市、区政府", ""),
                List.of("", "2. 财政收入增长8%左右。", "市财政局(第一责任单位为牵头单位,下同)", "持续推进"),
                List.of("", "3. 社会消费品零售总额增长10.5%以上。牵头责任", "", "")), cells(layout));
    }

    @Test
    void theNoticeIsNotPartOfTheBodyAndTrailingPageFurnitureIsDropped() {
        String doc = """
                蔡甸区人民政府办公室关于印发主要目标任务责任分解方案的通知
                一、各责任单位要高度重视,切实加强领导。
                二、各责任单位要按季度报送进展情况。
                蔡甸区人民政府办公室
                2023年1月3日
                2023年区《政府工作报告》确定的主要目标任务责任分解方案
                一、2023年全区经济社会发展的主要预期目标
                (一)地区生产总值增长7%以上
                责任单位:区发展和改革局
                (二)规上工业增加值增长12%以上
                责任单位:区科技和经信局
                【打印】【关闭】
                主办:蔡甸区人民政府办公室
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(6, layout.notice().size());
        assertEquals(7, layout.header().line());
        assertEquals(List.of(
                List.of("一、2023年全区经济社会发展的主要预期目标"),
                List.of("", "(一)地区生产总值增长7%以上", "区发展和改革局", ""),
                List.of("", "(二)规上工业增加值增长12%以上", "区科技和经信局", "")), cells(layout));
        ParsedPlan plan = PlanStructure.build(layout);
        assertEquals(2, plan.taskCount());
        assertNull(plan.sections().get(0).workItems().get(0).title());
    }

    @Test
    void labelsWrittenAfterTheLastSentenceWithoutBracketsGiveTheUnitsAndDeadline() {
        String doc = """
                一、提升政务服务效能
                1.推行企业开办“一窗通办”，压缩开办时间至1个工作日。牵头单位：市市场监管局；责任单位：市税务局、市公安局；完成时限：2021年6月底前。
                2.全面推行证明事项告知承诺制。责任单位：市司法局
                """;
        assertEquals(List.of(
                List.of("一、提升政务服务效能"),
                List.of("", "1.推行企业开办“一窗通办”，压缩开办时间至1个工作日。", "牵头单位：市市场监管局；责任单位：市税务局、市公安局", "2021年6月底前"),
                List.of("", "2.全面推行证明事项告知承诺制。", "责任单位：市司法局", "")), cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void aSentenceGoesOnOverAPageNumber() {
        String doc = """
                一、优化营商环境
                1. 深化“证照分离”改革，在全市范围内实现涉企经营许可事项

                — 3 —

                全覆盖清单管理。（市市场监管局牵头，市直有关单位配合）
                """;
        assertEquals(List.of(
                List.of("一、优化营商环境"),
                List.of("", "1. 深化“证照分离”改革，在全市范围内实现涉企经营许可事项全覆盖清单管理。", "市市场监管局牵头，市直有关单位配合", "")),
                cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void aParagraphThatNeverClosesIsReadInLinearTime() {
        // 3,000 lines without punctuation make one paragraph of 100 000 characters; looking at the
        // whole paragraph at every line (a regex over it) took 40 s here
        StringBuilder doc = new StringBuilder("一、优化营商环境\n1.推进企业开办全程网办（市市场监管局牵头）\n");
        doc.append("2.").append("这是一段从网页复制下来没有任何标点符号的很长的文字\n".repeat(3000));
        PlanLayout layout = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> PlainTextPlanReader.layout(doc.toString()));
        assertEquals(3, layout.rows().size());
        assertEquals(2 + 3000 * 25, layout.rows().get(2).cells().get(1).length());
    }

    @Test
    void aParenthesisThatNamesNoUnitIsPartOfTheText() {
        assertNull(ParagraphLayout.unitParenthesis("推行“一网通办”(以下简称一网通办)。"));
        assertNull(ParagraphLayout.unitParenthesis("按要求公开相关文件(见附件2)。"));
        assertEquals(new ParagraphLayout.Split("加快项目审批。", "市发展改革局牵头，各区政府按职责分工负责", ""),
                ParagraphLayout.split("加快项目审批。（市发展改革局牵头，各区政府按职责分工负责）"));
        assertNull(ParagraphLayout.layout("关于做好某项工作的通知\n各单位：\n请认真落实。\n".split("\n")));
    }
}
