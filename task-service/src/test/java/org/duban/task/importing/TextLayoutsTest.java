package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table layouts of plain text: TSV and pipe rows one a line, one cell a line. */
class TextLayoutsTest {

    private static List<List<String>> cells(PlanLayout layout) {
        return layout.rows().stream().map(PlanLayout.Row::cells).toList();
    }

    @Test
    void tsvWithoutBlankLinesReadsARowPerLineWithWrappedCellsAndOmittedFirstCells() {
        String doc = """
                某市2021年政务公开工作要点分工方案
                工作事项\t具体任务\t责任单位
                一、加强政策解读
                （一）做好政策发布\t1.重大政策出台后3个工作日内发布解读材料，
                做到应解读尽解读。\t市政府办公室
                \t2.做好政策问答。\t市直各单位
                3.开展政策吹风会。\t市发展改革局牵头，市直有关单位配合
                二、强化保障
                （一）加强培训\t组织全市政务公开业务培训。\t市政府办公室
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(List.of("工作事项", "具体任务", "责任单位"), layout.header().cells());
        assertEquals(2, layout.header().line());
        assertEquals(List.of(
                List.of("一、加强政策解读"),
                List.of("（一）做好政策发布", "1.重大政策出台后3个工作日内发布解读材料，做到应解读尽解读。", "市政府办公室"),
                List.of("", "2.做好政策问答。", "市直各单位"),
                List.of("3.开展政策吹风会。", "市发展改革局牵头，市直有关单位配合"),
                List.of("二、强化保障"),
                List.of("（一）加强培训", "组织全市政务公开业务培训。", "市政府办公室")), cells(layout));
        assertEquals(List.of(3, 4, 6, 7, 8, 9), layout.rows().stream().map(PlanLayout.Row::line).toList());

        ParsedPlan plan = PlanStructure.build(layout);
        assertEquals(List.of(), plan.problems());
        assertEquals(4, plan.taskCount());
        assertEquals(3, plan.sections().get(0).workItems().get(0).tasks().size());
    }

    @Test
    void theSeedWithItsHeaderOnOneTabbedLineStillReadsItsBlocksOfCells() throws java.io.IOException {
        String seed = PlainTextPlanReaderTest.seed();
        String oneLineHeader = seed.replace("\t工作事项\n\t具体任务\n\t牵头及责任单位", "\t工作事项\t具体任务\t牵头及责任单位");
        PlanLayout a = PlainTextPlanReader.layout(seed);
        PlanLayout b = PlainTextPlanReader.layout(oneLineHeader);
        assertEquals(a.header().cells(), b.header().cells());
        assertEquals(cells(a), cells(b));
        assertEquals(28, PlanStructure.build(b).taskCount());
    }

    @Test
    void aTsvCellWrappedMidRowJoinsTheRowItBelongsTo() {
        String doc = "工作事项\t具体任务\t责任单位\n"
                + "（一）推进决策公开\t1.完善重大行政决策预公开制度，\n"
                + "扩大公众参与。\t市司法局牵头\n"
                + "\t2.公开决策事项目录。\t市政府办公室\n";
        assertEquals(List.of(
                List.of("（一）推进决策公开", "1.完善重大行政决策预公开制度，扩大公众参与。", "市司法局牵头"),
                List.of("", "2.公开决策事项目录。", "市政府办公室")), cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void aSpreadsheetCopyQuotesACellThatHoldsLineBreaks() {
        String doc = "工作任务\t责任单位\t完成时限\n"
                + "\"1.推进“一网通办”，\n实现企业开办一日办结。\"\t市政务服务数据管理局\t2021年底前\n"
                + "2.公开财政预决算信息。\t\"市财政局牵头，\n各区政府负责\"\t持续推进\n";
        assertEquals(List.of(
                List.of("1.推进“一网通办”，实现企业开办一日办结。", "市政务服务数据管理局", "2021年底前"),
                List.of("2.公开财政预决算信息。", "市财政局牵头，各区政府负责", "持续推进")), cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void aPipeTableWithClosingPipesAndARowspanCellLeftOut() {
        String doc = """
                某局2021年政务公开工作任务分工
                | 工作事项 | 具体任务 | 责任单位 | 完成时限 |
                |---|---|---|---|
                | （一）加强政务公开 | 1.按时公开年度报告。 | 各科室 | 2021年1月底前 |
                | 2.做好依申请公开。 | 各科室 | |
                | 3.及时反馈办理结果，
                做到件件有回音。 | 各科室 | |
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(List.of("工作事项", "具体任务", "责任单位", "完成时限"), layout.header().cells());
        assertEquals(List.of(
                List.of("（一）加强政务公开", "1.按时公开年度报告。", "各科室", "2021年1月底前"),
                List.of("2.做好依申请公开。", "各科室", ""),
                List.of("3.及时反馈办理结果，做到件件有回音。", "各科室", "")), cells(layout));
        ParsedPlan plan = PlanStructure.build(layout);
        assertEquals(List.of(), plan.problems());
        ParsedPlan.WorkItem item = plan.sections().get(0).workItems().get(0);
        assertEquals(3, item.tasks().size());
        assertEquals("各科室", item.tasks().get(2).unitPhrase());
        assertEquals("2021年1月底前", item.tasks().get(0).deadlineText());
    }

    @Test
    void aPipeTableWithoutClosingPipesAndBlankLinesBetweenRows() {
        String doc = """
                工作任务 | 具体要求 | 责任单位

                (一)围绕法治政府推进公开 | 1.政府常务会议讨论决定的事项及时公开。 | 市政府办公室负责

                | 2. 重大决策预公开。 | 市司法局牵头,市有关单位负责

                (二)围绕重点领域加大公开力度 | 1.全面公开财政预决算信息。 | 市财政局牵头
                """;
        assertEquals(List.of(
                List.of("(一)围绕法治政府推进公开", "1.政府常务会议讨论决定的事项及时公开。", "市政府办公室负责"),
                List.of("", "2. 重大决策预公开。", "市司法局牵头,市有关单位负责"),
                List.of("(二)围绕重点领域加大公开力度", "1.全面公开财政预决算信息。", "市财政局牵头")),
                cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void oneCellALineWithSectionAndWorkItemColumnsAndRowsThatLeaveThemOut() {
        String doc = """
                潍坊市2017年政务公开工作要点实施方案
                目标
                任务
                主要内容
                责任单位
                一、以政务公开助力稳增长
                (一)加强预期引导
                围绕我市经济社会发展形势,通过新闻发布会等形式
                及时宣传解读。
                市发改委牵头落实
                加强就业创业政策信息公开。
                市人社局牵头落实
                加强金融政策信息公开。
                市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实
                加强市内外舆情收集研判,澄清事实。
                市发改委、市财政局、市人社局、人民银
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(List.of("目标", "任务", "主要内容", "责任单位"), layout.header().cells());
        assertEquals(List.of(new PlanLayout.Line(1, "潍坊市2017年政务公开工作要点实施方案")), layout.notice());
        assertEquals(List.of(
                List.of("一、以政务公开助力稳增长", "(一)加强预期引导", "围绕我市经济社会发展形势,通过新闻发布会等形式及时宣传解读。", "市发改委牵头落实"),
                List.of("", "", "加强就业创业政策信息公开。", "市人社局牵头落实"),
                List.of("", "", "加强金融政策信息公开。", "市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实"),
                List.of("", "", "加强市内外舆情收集研判,澄清事实。", "市发改委、市财政局、市人社局、人民银")), cells(layout));
        assertEquals(List.of(6, 11, 13, 15), layout.rows().stream().map(PlanLayout.Row::line).toList());
    }

    @Test
    void oneCellALineEndingInPipesWithStrayPipeLinesAndRowNumbersOutsideTheHeader() {
        String doc = """
                |
                工作任务 |
                具体工作要求 |
                责任单位 |
                完成时限 |
                |
                一、深入推进政策公开,服务高质量发展 |
                1 |
                及时规范发布政策信息及执行效果。 |
                各区直部门、各镇(办)、经开区 |
                持续推进 |
                |
                2 |
                动态更新涉企收费政策及清单。 |
                区数据资源局、区发改委等相关区直部门 |
                2025年底前 |
                |
                3 |
                严格落实行政执法公示工作制度,加大
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(List.of("工作任务", "具体工作要求", "责任单位", "完成时限"), layout.header().cells());
        assertEquals(List.of(
                List.of("一、深入推进政策公开,服务高质量发展"),
                List.of("", "及时规范发布政策信息及执行效果。", "各区直部门、各镇(办)、经开区", "持续推进"),
                List.of("", "动态更新涉企收费政策及清单。", "区数据资源局、区发改委等相关区直部门", "2025年底前"),
                List.of("", "严格落实行政执法公示工作制度,加大", "", "")), cells(layout));
    }

    @Test
    void oneCellALineBetweenBlankLinesTakesASentenceAfterTheTaskAsItsUnitsAndADashAsAnEmptyCell() {
        String doc = """
                番禺区2021年政务公开工作要点分工方案

                工作任务

                具体要求

                责任单位和工作要求

                (一)做好各类规划主动公开。

                1.主动公开国民经济和社会发展第十四个五年规划纲要。

                区发展改革局,以及各有关单位、各镇(街)办理。

                2.做好历史规划的归集整理和主动公开工作。

                区政府办会同各有关单位、各镇(街)办理。

                3.集中发布本地区主动公开的规划原文。

                ——

                """;
        assertEquals(List.of(
                List.of("(一)做好各类规划主动公开。", "1.主动公开国民经济和社会发展第十四个五年规划纲要。", "区发展改革局,以及各有关单位、各镇(街)办理。"),
                List.of("", "2.做好历史规划的归集整理和主动公开工作。", "区政府办会同各有关单位、各镇(街)办理。"),
                List.of("", "3.集中发布本地区主动公开的规划原文。", "——")), cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void oneCellALineWithARowNumberColumnAndASecondTableUnderItsOwnHeader() {
        String doc = """
                附件1
                序号
                工作任务
                责任单位
                1
                地区生产总值增长5.5%左右
                区发展改革委
                2
                工业增加值增长7%左右
                区经济信息委
                附件2
                2022年区政府工作报告重点工作任务分解表
                序号
                工作任务
                牵头单位
                配合单位
                1
                推动国家重点实验室落地。
                区科技局
                区发展改革委、区财政局
                """;
        PlanLayout layout = PlainTextPlanReader.layout(doc);
        assertEquals(List.of("序号", "工作任务", "责任单位"), layout.header().cells());
        assertEquals(List.of(
                List.of("1", "地区生产总值增长5.5%左右", "区发展改革委"),
                List.of("2", "工业增加值增长7%左右", "区经济信息委"),
                List.of("序号", "工作任务", "牵头单位", "配合单位"),
                List.of("1", "推动国家重点实验室落地。", "区科技局", "区发展改革委、区财政局")), cells(layout));
    }

    @Test
    void oneCellALineWithoutBlankLinesTakesTheSentenceBeforeTheNextRowAsTheUnits() {
        String doc = """
                序号
                工作任务
                责任单位
                1
                推进政务服务“一网通办”,
                实现企业开办一日办结。
                各区政府按职责分工负责。
                2
                公开年度财政预决算信息。
                市财政局牵头
                """;
        assertEquals(List.of(
                List.of("1", "推进政务服务“一网通办”,实现企业开办一日办结。", "各区政府按职责分工负责。"),
                List.of("2", "公开年度财政预决算信息。", "市财政局牵头")), cells(PlainTextPlanReader.layout(doc)));
    }

    @Test
    void unitPhrasesAndDeadlinesAreToldFromTaskText() {
        assertTrue(TextLayouts.unitLike("市发改委牵头落实"));
        assertTrue(TextLayouts.unitLike("市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实"));
        assertTrue(TextLayouts.unitLike("市政务服务数据管理局，市直有关单位,各区政府（管委会）"));
        assertTrue(TextLayouts.unitLike("市发改委、市财政局、市人社局、市金融办、人民银"));
        assertTrue(TextLayouts.unitLike("各科室"));
        assertFalse(TextLayouts.unitLike("加强财政政策信息公开,按月公开全市财政收支情况。"));
        assertFalse(TextLayouts.unitLike("地区生产总值增长5.5%左右"));
        assertFalse(TextLayouts.unitLike("(一)加强预期引导"));
        assertTrue(TextLayouts.deadlineLike("2020年底前"));
        assertTrue(TextLayouts.deadlineLike("持续推进"));
        assertTrue(TextLayouts.deadlineLike("11月底前"));
        assertFalse(TextLayouts.deadlineLike("市财政局牵头"));
    }
}
