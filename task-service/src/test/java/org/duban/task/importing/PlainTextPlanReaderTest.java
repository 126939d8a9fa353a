package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainTextPlanReaderTest {

    static String seed() throws IOException {
        return Files.readString(Path.of("../seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void theSeedPlanReadsAs6Sections22WorkItemsAnd28TasksWithoutProblems() throws IOException {
        ParsedPlan plan = PlainTextPlanReader.read(seed());
        assertEquals(List.of(), plan.problems());
        assertEquals(6, plan.sections().size());
        // the issue says 20 work items; the document has 22: 3+3+3+3+5+5 （一）… rows
        assertEquals(List.of(3, 3, 3, 3, 5, 5), plan.sections().stream().map(s -> s.workItems().size()).toList());
        assertEquals(22, plan.workItemCount());
        assertEquals(28, plan.taskCount());
        assertTrue(plan.sections().get(0).title().startsWith("围绕贯彻落实党的十九届四中全会精神"));
        ParsedPlan.WorkItem first = plan.sections().get(0).workItems().get(0);
        assertEquals("以权责清单为依托，加强权力配置信息公开", first.title());
        assertEquals(2, first.tasks().size());
        assertEquals("市政务服务数据管理局，市直有关单位,各区政府（管委会）", first.tasks().get(0).unitPhrase());
        assertEquals("市政府办公室，各区政府（管委会）政府信息公开工作主管部门", first.tasks().get(1).unitPhrase());
        ParsedPlan.WorkItem last = plan.sections().get(5).workItems().get(4);
        assertEquals("认真抓好贯彻落实，主动接受社会监督", last.title());
        assertEquals("市政府办公室，市直各单位，各区政府（管委会）", last.tasks().get(0).unitPhrase());
    }

    @Test
    void theNoticeGivesTheMetadata() throws IOException {
        ParsedPlan.Metadata m = PlainTextPlanReader.read(seed()).metadata();
        assertEquals("珠府办〔2020〕9号", m.documentNumber());
        assertEquals("珠海市人民政府办公室关于印发2020年政务公开工作要点分工方案的通知", m.noticeTitle());
        assertEquals("珠海市2020年政务公开工作要点分工方案", m.title());
        assertEquals("珠海市人民政府办公室", m.issuer());
        assertEquals(LocalDate.of(2020, 8, 4), m.issueDate());
        assertEquals(2020, m.year());
        assertEquals(List.of("粤府办〔2020〕14号"), m.basisDocuments());
        assertEquals(List.of("横琴新区管委会", "各区政府（管委会）", "市政府各部门", "各直属机构"), m.addressees());
    }

    @Test
    void crlfBomAndPageFootersChangeNothing() throws IOException {
        String s = seed();
        String messy = "\uFEFF" + s.replace("\n", "\r\n")
                .replace("\t（三）以基层政务公开标准化规范化", "— 3 —\r\n\t（三）以基层政务公开标准化规范化");
        ParsedPlan a = PlainTextPlanReader.read(s);
        ParsedPlan b = PlainTextPlanReader.read(messy);
        assertEquals(a.sections(), b.sections());
        assertEquals(a.metadata(), b.metadata());
    }

    @Test
    void aTwoColumnTableWithAsciiPunctuationAndLeadMarkers() {
        String doc = """
                XX市人民政府办公室关于印发2021年重点工作分工方案的通知
                各区政府, 市直各单位:
                现印发给你们, 请认真贯彻落实.
                XX市人民政府办公室
                2021年3月1日
                XX市2021年重点工作分工方案

                \t工作任务\t责任单位

                \t一、优化营商环境

                \t1. 2021年6月底前完成企业开办全程网办(见附件1)\t市市场监管局牵头,市政务服务数据管理局配合

                \t2. 持续推进\t市发展改革局负责

                \t二、加强公开

                \t年内完成平台建设\t
                """;
        ParsedPlan plan = PlainTextPlanReader.read(doc);
        assertEquals(2, plan.sections().size());
        assertEquals(3, plan.taskCount());
        ParsedPlan.Task t = plan.sections().get(0).workItems().get(0).tasks().get(0);
        assertEquals("1. 2021年6月底前完成企业开办全程网办", t.text());
        assertEquals("见附件1", t.remark());
        assertEquals("市市场监管局牵头,市政务服务数据管理局配合", t.unitPhrase());
        assertNull(plan.sections().get(0).workItems().get(0).title());
        assertEquals(2021, plan.metadata().year());
        assertEquals(LocalDate.of(2021, 3, 1), plan.metadata().issueDate());
        assertEquals(1, plan.problems().size());
        assertEquals(ParsedPlan.Problem.Kind.TASK_WITHOUT_UNITS, plan.problems().get(0).kind());
    }

    @Test
    void anotherNumberingWithOneLineRowsAndOtherHeaders() {
        // sections "一." , work items "(一)" in ASCII brackets, rows written on one line, 工作任务/具体要求/责任单位
        String doc = "工作任务\t具体要求\t责任单位\n\n"
                + "一.深化公开\n\n"
                + "(一)推进决策公开\t1.重大决策预公开\t市发展改革局牵头落实\n\n"
                + "\t2.2020年10月31日前公开决策目录\t市司法局负责\n\n"
                + "(二)推进执行公开\t督查结果公开\t市政府办公室\n\n"
                + "二.强化保障\n\n"
                + "(一)加强培训\t9月30日前完成培训（详见附件2）\t市直各单位\n";
        ParsedPlan plan = PlainTextPlanReader.read(doc);
        // a table without its notice: nothing gives the year, which the preview asks for
        assertEquals(List.of(ParsedPlan.Problem.Kind.YEAR_MISSING), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
        assertEquals(2, plan.sections().size());
        assertEquals(3, plan.workItemCount());
        assertEquals(4, plan.taskCount());
        ParsedPlan.WorkItem first = plan.sections().get(0).workItems().get(0);
        assertEquals("推进决策公开", first.title());
        assertEquals("2.2020年10月31日前公开决策目录", first.tasks().get(1).text());
        assertEquals("市司法局负责", first.tasks().get(1).unitPhrase());
        ParsedPlan.Task training = plan.sections().get(1).workItems().get(0).tasks().get(0);
        assertEquals("9月30日前完成培训", training.text());
        assertEquals("详见附件2", training.remark());
    }

    @Test
    void brokenNumberingIsReportedWithItsLine() {
        String doc = """
                \t工作事项\t具体任务\t牵头及责任单位

                \t一、甲

                \t（一）子项\t任务一\t市司法局

                \t（三）跳号\t任务二\t市司法局

                \t三、丙

                \t（一）子项\t任务三\t市司法局
                """;
        ParsedPlan plan = PlainTextPlanReader.read(doc);
        assertEquals(3, plan.taskCount());
        assertEquals(3, plan.problems().size()); // and YEAR_MISSING: the table has no notice
        assertEquals(ParsedPlan.Problem.Kind.BROKEN_NUMBERING, plan.problems().get(0).kind());
        assertEquals(7, plan.problems().get(0).line());
        assertEquals(9, plan.problems().get(1).line());
    }

    @Test
    void aDocumentWithoutATaskTableSaysSo() {
        ParsedPlan plan = PlainTextPlanReader.read("关于做好某项工作的通知\n各单位：\n请认真落实。\n");
        assertEquals(0, plan.taskCount());
        assertEquals(ParsedPlan.Problem.Kind.NO_TASK_TABLE, plan.problems().get(0).kind());
    }

    @Test
    void chineseNumerals() {
        assertEquals(1, Numbering.chineseNumber("一"));
        assertEquals(10, Numbering.chineseNumber("十"));
        assertEquals(12, Numbering.chineseNumber("十二"));
        assertEquals(20, Numbering.chineseNumber("二十"));
        assertEquals(23, Numbering.chineseNumber("二十三"));
        assertEquals(Numbering.Level.WORK_ITEM, Numbering.of("(二)加强公开").level());
        assertEquals(Numbering.Level.ITEM, Numbering.of("3.做好培训").level());
        assertEquals(Numbering.Level.SUB_ITEM, Numbering.of("（2）做好培训").level());
        assertNull(Numbering.of("2020年底前完成"));
        assertEquals(LocalDate.of(2020, 8, 4), PlanStructure.date("二〇二〇年八月四日"));
    }
}
