package org.duban.task.importing;

import org.duban.task.importing.PlanStructure.Column;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meaning of a plan's table and notice, from a layout built by hand (whatever reader made it). */
class PlanStructureTest {

    /** A layout: notice lines (numbered from 1), then the header and rows, one per line, cells split at '|'. */
    private static PlanLayout layout(List<String> notice, String header, String... rows) {
        List<PlanLayout.Line> lines = new ArrayList<>();
        for (String n : notice) {
            lines.add(new PlanLayout.Line(lines.size() + 1, n));
        }
        int line = lines.size() + 1;
        PlanLayout.Row h = new PlanLayout.Row(line, cells(header));
        List<PlanLayout.Row> rs = new ArrayList<>();
        for (String r : rows) {
            rs.add(new PlanLayout.Row(++line, cells(r)));
        }
        return new PlanLayout(lines, h, rs);
    }

    private static List<String> cells(String row) {
        return Arrays.stream(row.split("\\|", -1)).map(String::strip).toList();
    }

    private static final List<String> NOTICE = List.of(
            "潍政办字〔2017〕30号",
            "潍坊市人民政府办公室关于印发潍坊市2017年政务公开工作要点实施方案的通知",
            "各县市区人民政府，市属各开发区管委会，市政府各部门：",
            "现将《潍坊市2017年政务公开工作要点实施方案》印发给你们，请认真贯彻执行。",
            "潍坊市人民政府办公室",
            "2017年5月2日",
            "潍坊市2017年政务公开工作要点实施方案");

    @Test
    void theColumnVocabularyOfTwoToSixColumnTables() {
        assertEquals(List.of(Column.IGNORED, Column.WORK_ITEM, Column.TASK, Column.UNITS, Column.DEADLINE, Column.REMARK),
                PlanStructure.columns(cells("序号|工作任务|具体要求|责任单位|完成时限|备注")));
        assertEquals(List.of(Column.SECTION, Column.WORK_ITEM, Column.TASK, Column.UNITS),
                PlanStructure.columns(cells("目标|任务|主要内容|责任单位")));
        assertEquals(List.of(Column.IGNORED, Column.TASK, Column.LEAD, Column.UNITS, Column.DEADLINE),
                PlanStructure.columns(cells("序号|重点工作|牵头单位|配合单位|时间节点")));
        assertEquals(List.of(Column.WORK_ITEM, Column.TASK, Column.UNITS, Column.DEADLINE),
                PlanStructure.columns(cells("工作事项|工作措施|牵头及责任单位|完成时间")));
        assertEquals(List.of(Column.TASK, Column.UNITS, Column.DEADLINE),
                PlanStructure.columns(cells("任务|牵头单位/责任单位|完成时限")));
        assertEquals(List.of(Column.TASK, Column.UNITS, Column.DEADLINE),
                PlanStructure.columns(cells("具体任务|参与单位|时限要求")));
        assertEquals(List.of(Column.WORK_ITEM, Column.TASK, Column.LEAD, Column.UNITS),
                PlanStructure.columns(cells("重点任务|贯彻举措|牵头单位|责任单位")));
        // a goal column alone holds the tasks: 序号 | 2022年预期目标 | 责任单位
        assertEquals(List.of(Column.IGNORED, Column.TASK, Column.UNITS),
                PlanStructure.columns(cells("序号|2022年预期目标|责任单位")));
        assertEquals(List.of(Column.IGNORED, Column.TASK, Column.LEAD, Column.UNITS),
                PlanStructure.columns(cells("序号|目   标   与   任   务|牵头责任单位|协同责任单位")));
        // one unit column, whatever it says, holds the whole phrase
        assertEquals(List.of(Column.TASK, Column.UNITS), PlanStructure.columns(cells("工作任务|牵头单位")));
        assertNull(PlanStructure.columns(cells("序号|姓名|职务")));
    }

    @Test
    void goalTaskContentUnits_goalsAreSectionsTasksAreWorkItemsContentsAreTheTasks() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "目标|任务|主要内容|责任单位",
                "一、以政务公开助力稳增长|（一）加强预期引导|围绕我市经济社会发展形势，及时宣传解读。|市发改委牵头落实",
                "加强就业创业政策信息公开，深入解读政策背景。|市人社局牵头落实",
                "加强金融政策信息公开。|市金融办、人民银行潍坊市中心支行分别牵头落实",
                "|（二）加强政策解读|围绕供给侧结构性改革，做好政策解读。|市发改委牵头落实",
                "二、以政务公开助力促改革|（一）推进放管服改革信息公开|全面公开权责清单。|市编办牵头落实"));
        assertEquals(List.of(), plan.problems());
        assertEquals(2, plan.sections().size());
        assertEquals("以政务公开助力稳增长", plan.sections().get(0).title());
        assertEquals(List.of("加强预期引导", "加强政策解读"),
                plan.sections().get(0).workItems().stream().map(ParsedPlan.WorkItem::title).toList());
        ParsedPlan.WorkItem first = plan.sections().get(0).workItems().get(0);
        assertEquals(3, first.tasks().size());
        assertEquals("加强金融政策信息公开。", first.tasks().get(2).text());
        assertEquals("市金融办、人民银行潍坊市中心支行分别牵头落实", first.tasks().get(2).unitPhrase());
        assertEquals(5, plan.taskCount());
    }

    @Test
    void aGoalWrittenWithoutNumberingIsStillASection() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "目标|任务|主要内容|责任单位",
                "稳增长|加强预期引导|及时宣传解读。|市发改委牵头落实",
                "促改革|推进放管服改革|全面公开权责清单。|市编办牵头落实"));
        assertEquals(List.of("稳增长", "促改革"), plan.sections().stream().map(ParsedPlan.Section::title).toList());
        assertNull(plan.sections().get(1).numbering());
    }

    @Test
    void separateLeadAndPartnerColumnsAreComposedIntoOnePhraseWithTheDeadlineColumn() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "序号|重点工作|牵头单位|配合单位|时间节点",
                "1|推进企业开办全程网上办理，压缩至1个工作日。|市市场监管局|市政务服务数据管理局、市税务局|2021年6月底前",
                "2|优化不动产登记流程。|市自然资源局||持续推进",
                "3|清理规范中介服务事项。||各区政府|2021年底前"));
        List<ParsedPlan.Task> tasks = plan.sections().get(0).workItems().get(0).tasks();
        assertEquals("牵头单位：市市场监管局；责任单位：市政务服务数据管理局、市税务局", tasks.get(0).unitPhrase());
        assertEquals("2021年6月底前", tasks.get(0).deadlineText());
        assertEquals("牵头单位：市自然资源局", tasks.get(1).unitPhrase());
        assertEquals("持续推进", tasks.get(1).deadlineText());
        assertEquals("责任单位：各区政府", tasks.get(2).unitPhrase());
        assertNull(plan.sections().get(0).title());
        assertNull(plan.sections().get(0).workItems().get(0).title());
    }

    @Test
    void tasksDirectlyUnderASectionHaveAnUntitledWorkItem() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "工作任务|责任单位|完成时限",
                "一、深化决策公开",
                "1.推进重大行政决策预公开。|市司法局|2017年底前",
                "2.做好决策解读。|市政府办公室|持续推进",
                "二、强化保障",
                "3.加强培训。|市政府办公室|2017年9月底前"));
        assertEquals(List.of(), plan.problems());
        assertEquals(2, plan.sections().size());
        ParsedPlan.WorkItem w = plan.sections().get(0).workItems().get(0);
        assertNull(w.title());
        assertEquals(2, w.tasks().size());
        assertEquals("2017年底前", w.tasks().get(0).deadlineText());
    }

    @Test
    void aLastRowCutOffMidSentenceIsATruncatedTaskProblemNotATask() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "目标|任务|主要内容|责任单位",
                "一、以政务公开助力稳增长|（一）加强预期引导|围绕我市经济社会发展形势，及时宣传解读。|市发改委牵头落实",
                "加强市内外舆情收集研判，针对涉及我市经济发展的误导和不实信息，及时通过有效公开渠道发布"));
        assertEquals(1, plan.taskCount());
        assertEquals(1, plan.problems().size());
        ParsedPlan.Problem p = plan.problems().get(0);
        assertEquals(ParsedPlan.Problem.Kind.TRUNCATED_TASK, p.kind());
        assertEquals(NOTICE.size() + 3, p.line());
    }

    @Test
    void aCompleteLastSentenceWithoutTheUnitsEveryOtherTaskHasIsTruncated() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "任务|牵头单位/责任单位|完成时限",
                "一、经济社会发展的主要预期目标",
                "1.努力实现地区生产总值增长6.2%左右。|牵头单位：区发改局；责任单位：立山经济开发区|",
                "2.规模上工业增加值增长5%左右。|牵头单位：区工信局；责任单位：立山经济开发区|",
                "3.一般公共预算收入增长5%。|牵头单位：区财政局；责任单位：税务局|",
                "4.其他主要经济指标不低于全市平均水平。||"));
        assertEquals(3, plan.taskCount());
        assertEquals(List.of(ParsedPlan.Problem.Kind.TRUNCATED_TASK), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
    }

    @Test
    void aLastRowWithOnlyItsNumberIsTruncated() {
        // 芜湖 2019: the page's excerpt stops right after the next row's 序号
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "序号|目标与任务|牵头责任单位|责任单位",
                "1|扎实推进蓝天、碧水、净土三大保卫战。|市生态环境局|各县区政府、开发区管委会",
                "2|增林地、增绿地、增湿地。|市自然资源和规划局|各县区政府、开发区管委会",
                "3|||"));
        assertEquals(2, plan.taskCount());
        assertEquals(List.of(ParsedPlan.Problem.Kind.TRUNCATED_TASK), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
        assertEquals(NOTICE.size() + 4, plan.problems().get(0).line());
    }

    @Test
    void aCutOffTaskQuotingASitePathIsTruncatedNotDroppedAsBreadcrumbs() {
        // 重庆高新区 2021: task text quotes "政府网站>政府信息公开>…", which reads like a page's breadcrumbs
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "工作任务|牵头单位|责任单位",
                "1.公开高新区“十四五”重点专项规划〔公开路径：政府网站>政府信息公开>法定主动公开内容>规划信息〕。|改革发展局|建设局",
                "2.公开高新区法定国土空间规划〔公开路径：(1)政府网站>政府信息公开>法定主动公开内容>规划||"));
        assertEquals(1, plan.taskCount());
        assertEquals(List.of(ParsedPlan.Problem.Kind.TRUNCATED_TASK), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
    }

    @Test
    void aLastUnitPhraseCutMidNameIsTruncated() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "目标|任务|主要内容|责任单位",
                "一、以政务公开助力稳增长|（一）加强预期引导|围绕我市经济社会发展形势，及时宣传解读。|市发改委牵头落实",
                "加强财政政策信息公开。|市财政局牵头落实",
                "加强市内外舆情收集研判，及时发布权威消息。|市发改委、市财政局、市金融办、人民银"));
        assertEquals(2, plan.taskCount());
        assertEquals(ParsedPlan.Problem.Kind.TRUNCATED_TASK, plan.problems().get(0).kind());
        assertEquals(NOTICE.size() + 4, plan.problems().get(0).line());
        assertTrue(PlanStructure.cutUnits("区"));
        assertTrue(!PlanStructure.cutUnits("市发改委、市财政局、人民银行潍坊市中心支行分别牵头落实"));
        assertTrue(!PlanStructure.cutUnits("牵头单位：改革发展局；责任单位：——"));
        assertTrue(!PlanStructure.cutUnits("市政府办公室，市直各单位，各区政府（管委会）"));
    }

    @Test
    void aSecondTableUnderItsOwnHeaderIsReadByItsColumns() {
        List<PlanLayout.Line> notice = List.of(new PlanLayout.Line(1, "重庆市沙坪坝区人民政府办公室关于印发2022年区政府工作报告目标任务的通知"));
        PlanLayout l = new PlanLayout(notice, new PlanLayout.Row(2, cells("序号|2022年预期目标|责任单位")), List.of(
                new PlanLayout.Row(3, cells("1|地区生产总值增长5.5%左右|区发展改革委")),
                new PlanLayout.Row(4, cells("序号|工作任务|牵头单位|配合单位"), true),
                new PlanLayout.Row(5, cells("1|联动共建科学城，推动国家重点实验室落地。|区科技局|区发展改革委"))));
        ParsedPlan plan = PlanStructure.build(l);
        List<ParsedPlan.Task> tasks = plan.sections().stream().flatMap(s -> s.workItems().stream())
                .flatMap(w -> w.tasks().stream()).toList();
        assertEquals(List.of("区发展改革委", "牵头单位：区科技局；责任单位：区发展改革委"),
                tasks.stream().map(ParsedPlan.Task::unitPhrase).toList());
    }

    @Test
    void aUnitPhraseStaysVerbatimWithItsReferenceToAnAnnex() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "工作任务|具体要求|责任单位",
                "（一）围绕建设法治政府全面推进政务公开|1.政府全体会议讨论决定的事项应及时公开（见附件2）。|市政府办公室、市有关单位(见附件1,下同),各县(市、区)人民政府(管委会)负责"));
        ParsedPlan.Task t = plan.sections().get(0).workItems().get(0).tasks().get(0);
        assertEquals("市政府办公室、市有关单位(见附件1,下同),各县(市、区)人民政府(管委会)负责", t.unitPhrase());
        assertEquals("1.政府全体会议讨论决定的事项应及时公开。", t.text());
        assertEquals("见附件2", t.remark());
    }

    @Test
    void aCompleteLastTaskWithoutUnitsIsStillATaskWithoutUnits() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "工作任务|责任单位",
                "加强政务公开培训。|市政府办公室",
                "年内完成平台建设|"));
        assertEquals(2, plan.taskCount());
        assertEquals(List.of(ParsedPlan.Problem.Kind.TASK_WITHOUT_UNITS),
                plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
    }

    @Test
    void theNoticeGivesNumberIssuerDateTitleYearAndCity() {
        ParsedPlan.Metadata m = PlanStructure.build(layout(NOTICE, "工作任务|责任单位", "加强培训。|市政府办公室")).metadata();
        assertEquals("潍政办字〔2017〕30号", m.documentNumber());
        assertEquals("潍坊市人民政府办公室", m.issuer());
        assertEquals(LocalDate.of(2017, 5, 2), m.issueDate());
        assertEquals("潍坊市2017年政务公开工作要点实施方案", m.title());
        assertEquals(2017, m.year());
        assertEquals("潍坊市", m.city());
        assertEquals(List.of("各县市区人民政府", "市属各开发区管委会", "市政府各部门"), m.addressees());
    }

    @Test
    void webPageFurnitureIsNeverMetadataNorAddressees() {
        List<String> page = List.of(
                "首页 > 政务公开 > 政府文件",
                "【字体：大 中 小】 【打印】 【关闭】",
                "来源：济南市钢城区人民政府办公室 作者：区政府办 发布时间：2021-03-15 浏览次数：1234",
                "分享到：",
                "发文机关：济南市钢城区人民政府办公室",
                "发文字号：钢政办字〔2021〕5号",
                "成文日期：2021年03月12日",
                "济南市钢城区人民政府办公室关于印发钢城区优化营商环境重点任务分工方案的通知",
                "各镇人民政府、街道办事处，区政府各部门：",
                "现将《钢城区优化营商环境重点任务分工方案》印发给你们，请认真贯彻落实。",
                "钢城区优化营商环境重点任务分工方案",
                "联系电话：0531-76012345");
        ParsedPlan plan = PlanStructure.build(layout(page, "序号|重点任务|责任单位|完成时限",
                "1|推行企业开办“一窗通办”。|区行政审批服务局|2021年6月底前"));
        ParsedPlan.Metadata m = plan.metadata();
        assertEquals("钢政办字〔2021〕5号", m.documentNumber());
        assertEquals("济南市钢城区人民政府办公室", m.issuer());
        assertEquals(LocalDate.of(2021, 3, 12), m.issueDate());
        assertEquals("钢城区优化营商环境重点任务分工方案", m.title());
        assertEquals(2021, m.year()); // from the issue date: the title has no year
        assertEquals(List.of("各镇人民政府", "街道办事处", "区政府各部门"), m.addressees());
        assertEquals("济南市钢城区", m.city());
        assertEquals(3, plan.cityLine());
    }

    @Test
    void aGovernmentInformationBoxGivesNumberIssuerAndDate() {
        List<String> page = List.of(
                "您当前的位置: 首页> 政务公开> 政府信息公开目录> 政策文件 > 其他公文",
                "[ 索引号 ] 115000005567784755/2020-01891 [ 发文字号 ] 渝两江管办发﹝2020﹞74号",
                "[ 发布机构 ] 两江新区管委会 [ 有效性 ] 有效",
                "[ 成文日期 ] 2020-09-15 [ 发布日期 ] 2020-09-17",
                "重庆两江新区管理委员会办公室关于印发2020年两江新区政务公开工作要点任务分工的通知",
                "各街道办事处,委机关各部门,各驻区机构:",
                "2020年两江新区政务公开工作要点任务分工");
        ParsedPlan.Metadata m = PlanStructure.build(layout(page, "重点任务|贯彻举措|牵头单位|责任单位",
                "（一）以权责清单为依托|更新完善权责清单并按要求公开。|办公室、司法局|各街道、各部门")).metadata();
        assertEquals("渝两江管办发〔2020〕74号", m.documentNumber());
        assertEquals(LocalDate.of(2020, 9, 15), m.issueDate());
        assertEquals("重庆两江新区管理委员会办公室", m.issuer());
        assertEquals("重庆两江新区", m.city());
        assertEquals(List.of("各街道办事处", "委机关各部门", "各驻区机构"), m.addressees());
    }

    @Test
    void aNumberBeforeOrAfterTheNoticeTitleAndABannerBeforeIt() {
        ParsedPlan.Metadata a = PlanStructure.build(layout(List.of(
                "鞍立政发〔2023〕2号立山区人民政府关于印发立山区政府2023年重点工作任务分解和责任分工方案的通知",
                "立山经济开发区,各街道办事处,各区直部门:", "立山区人民政府", "2023年3月28日",
                "立山区政府2023年重点工作", "任务分解和责任分工方案"), "工作任务|责任单位", "努力实现地区生产总值增长6.2%左右。|区发改局")).metadata();
        assertEquals("鞍立政发〔2023〕2号", a.documentNumber());
        assertEquals("立山区人民政府", a.issuer());
        assertEquals("立山区政府2023年重点工作任务分解和责任分工方案", a.title()); // wrapped over two lines
        ParsedPlan.Metadata b = PlanStructure.build(layout(List.of(
                "池州市人民政府关于创优“四最”营商环境的实施意见(池政〔2017〕101号)",
                "来源:池州市政府网 浏览次数: 发布时间:2018-01-26 20:57:53"), "工作任务|责任单位", "深化商事制度改革。|市工商质监局")).metadata();
        assertEquals("池政〔2017〕101号", b.documentNumber());
        assertEquals("池州市人民政府关于创优“四最”营商环境的实施意见", b.noticeTitle());
        assertNull(b.issueDate()); // 发布时间 is the web page's, not the document's
        assertEquals(2017, b.year());
        ParsedPlan.Metadata c = PlanStructure.build(layout(List.of(
                "【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知",
                "发布时间:2020-02-03 17:29", "【字体:打印"), "工作任务|责任单位", "地区生产总值增长8%以上。|市发展改革委")).metadata();
        assertEquals("滁州市人民政府", c.issuer());
        assertEquals("滁州市", c.city());
        assertEquals(2020, c.year());
    }

    @Test
    void withoutAYearInTitleNumberOrDateTheYearIsAskedForNeverTakenFromToday() {
        ParsedPlan plan = PlanStructure.build(layout(List.of("钢城区优化营商环境重点任务分工方案"), "工作任务|责任单位",
                "推行企业开办“一窗通办”。|区行政审批服务局"));
        assertNull(plan.metadata().year());
        assertEquals(List.of(ParsedPlan.Problem.Kind.YEAR_MISSING), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
        assertEquals(1, plan.problems().get(0).line());
    }

    @Test
    void aHeaderWithoutSplittableRowsSaysWhereItWasAndWhatWasSeen() {
        ParsedPlan plan = PlanStructure.build(layout(NOTICE, "具体要求|责任单位", "一、深化公开", "二、强化保障"));
        assertEquals(0, plan.taskCount());
        ParsedPlan.Problem p = plan.problems().get(0);
        assertEquals(ParsedPlan.Problem.Kind.NO_TASK_TABLE, p.kind());
        assertEquals(NOTICE.size() + 1, p.line());
        assertTrue(p.message().contains("Header found on line 8 (具体要求|责任单位) but no row could be split"), p.message());
        assertTrue(p.message().contains("document number 潍政办字〔2017〕30号"), p.message());
    }

    @Test
    void withoutAHeaderTheProblemNamesTheMetadataFoundOnALine() {
        PlanLayout l = new PlanLayout(List.of(new PlanLayout.Line(1, "潍政办字〔2017〕30号"),
                new PlanLayout.Line(2, "潍坊市人民政府办公室关于做好政务公开工作的通知"),
                new PlanLayout.Line(3, "责任单位")), null, List.of());
        ParsedPlan plan = PlanStructure.build(l);
        ParsedPlan.Problem p = plan.problems().get(0);
        assertEquals(ParsedPlan.Problem.Kind.NO_TASK_TABLE, p.kind());
        assertEquals(1, p.line());
        assertTrue(p.message().contains("a line naming units on line 3 (责任单位)"), p.message());
        assertTrue(p.message().contains("issuer 潍坊市人民政府办公室"), p.message());
    }

    @Test
    void thePlaceAtTheStartOfAnIssuerOrTitle() {
        assertEquals("珠海市", PlanStructure.place("珠海市人民政府办公室"));
        assertEquals("潍坊市", PlanStructure.place("山东省潍坊市人民政府办公室"));
        assertEquals("潍坊市", PlanStructure.place("潍坊市2017年政务公开工作要点实施方案"));
        assertEquals("钢城区", PlanStructure.place("钢城区人民政府办公室"));
        assertEquals("济南市钢城区", PlanStructure.place("济南市钢城区人民政府办公室"));
        assertNull(PlanStructure.place("市人民政府办公室"));
        assertNull(PlanStructure.place("关于印发分工方案的通知"));
    }
}
