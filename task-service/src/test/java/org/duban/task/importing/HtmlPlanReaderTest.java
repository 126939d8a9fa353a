package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlPlanReaderTest {

    private static final String HEAD = "<html><head><meta charset=\"utf-8\"><title>通知</title></head><body>";

    @Test
    void theSeedPlanSavedFromTheCitySiteReadsLikeItsText() throws Exception {
        // a saved gov.cn page: navigation, 来源/发布时间, share and print links around the notice and the
        // table, whose work-item cells span their tasks' rows and whose section rows span the table
        ParsedPlan fromText = PlainTextPlanReader.read(PlainTextPlanReaderTest.seed());
        ParsedPlan fromHtml = HtmlPlanReader.read(PlanReading.fixture("zhuhai-2020-openness-plan.html"));
        assertEquals(List.of(), fromHtml.problems());
        assertEquals(6, fromHtml.sections().size());
        assertEquals(22, fromHtml.workItemCount());
        assertEquals(28, fromHtml.taskCount());
        assertEquals(PlanReading.content(fromText), PlanReading.content(fromHtml));
        assertEquals("珠府办〔2020〕9号", fromHtml.metadata().documentNumber());
        assertEquals("珠海市2020年政务公开工作要点分工方案", fromHtml.metadata().title());
        assertEquals(fromText.metadata().issueDate(), fromHtml.metadata().issueDate());
    }

    @Test
    void aUnitCellSpanningSeveralTasksGivesEachTaskThoseUnits() {
        String html = HEAD + "<table border=1>"
                + "<tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>"
                + "<tr><td>1</td><td>全面梳理行政权力事项，更新完善权责清单。</td>"
                + "<td rowspan=\"2\">市政务服务数据管理局</td><td rowspan=\"3\">2021年6月底前</td></tr>"
                + "<tr><td>2</td><td>推进政务服务事项标准化。</td></tr>"
                + "<tr><td>3</td><td>开展政务公开培训。</td><td>市政府办公室</td></tr>"
                + "</table></body></html>";
        assertEquals(List.of(
                        "全面梳理行政权力事项，更新完善权责清单。|市政务服务数据管理局|2021年6月底前",
                        "推进政务服务事项标准化。|市政务服务数据管理局|2021年6月底前",
                        "开展政务公开培训。|市政府办公室|2021年6月底前"),
                PlanReading.tasks(HtmlPlanReader.read(html)));
    }

    @Test
    void unitsOnLinesOfTheirOwnInACellAreSeparateUnitsWhileTaskLinesRunOn() {
        String html = HEAD + "<table><tr><td>工作任务</td><td>责任单位</td></tr>"
                + "<tr><td><p>加快推进“一网通办”，</p><p>实现高频事项“最多跑一次”。</p></td>"
                + "<td>市政务服务数据管理局<br>市发展改革局<br/>各区政府（管委会）</td></tr>"
                + "<tr><td>做好政策解读。</td><td>市政府办公室，<br>市直有关单位</td></tr></table></body></html>";
        assertEquals(List.of("加快推进“一网通办”，实现高频事项“最多跑一次”。|市政务服务数据管理局、市发展改革局、各区政府（管委会）|null",
                "做好政策解读。|市政府办公室，市直有关单位|null"), PlanReading.tasks(HtmlPlanReader.read(html)));
    }

    @Test
    void aHeaderInTwoRowsNamesTheLeadAndTheOtherUnitColumns() {
        // 责任单位 over 牵头单位 | 配合单位; 序号 and 工作任务 span both header rows
        String html = HEAD + "<table>"
                + "<tr><td rowspan=\"2\">序号</td><td rowspan=\"2\">工作任务</td><td colspan=\"2\">责任单位</td></tr>"
                + "<tr><td>牵头单位</td><td>配合单位</td></tr>"
                + "<tr><td>1</td><td>优化企业开办服务。</td><td>市市场监管局</td><td>市公安局、市税务局</td></tr>"
                + "</table></body></html>";
        PlanLayout layout = HtmlPlanReader.layout(html);
        assertEquals(List.of("序号", "工作任务", "牵头单位", "配合单位"), layout.header().cells());
        assertEquals(List.of(new PlanLayout.Row(3, List.of("1", "优化企业开办服务。", "市市场监管局", "市公安局、市税务局"))),
                layout.rows());
    }

    @Test
    void aWorkItemCellSpanningItsTasksStartsTheWorkItemOnce() {
        String html = HEAD + "<table>"
                + "<tr><th>工作事项</th><th>具体任务</th><th>牵头及责任单位</th></tr>"
                + "<tr><td colspan=\"3\">一、优化营商环境</td></tr>"
                + "<tr><td rowspan=\"2\">（一）深化“放管服”改革</td><td>压减行政许可事项。</td><td>市司法局</td></tr>"
                + "<tr><td>推行告知承诺制。</td><td>市政务服务数据管理局牵头，各区政府配合</td></tr>"
                + "</table></body></html>";
        ParsedPlan plan = HtmlPlanReader.read(html);
        // a fragment without a title or date: the year is the only thing missing
        assertEquals(List.of(ParsedPlan.Problem.Kind.YEAR_MISSING), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
        assertEquals(1, plan.sections().size());
        assertEquals("优化营商环境", plan.sections().get(0).title());
        assertEquals(1, plan.workItemCount());
        assertEquals(2, plan.taskCount());
        assertEquals("深化“放管服”改革", plan.sections().get(0).workItems().get(0).title());
    }

    @Test
    void aTableInsideAPageLayoutTableIsStillTheTaskTable() {
        // older gov.cn pages lay the whole article out in tables
        String html = HEAD + "<table width=980><tr><td class=nav>首页 | 政务公开 | 政府文件</td></tr><tr><td>"
                + "<p>惠州市人民政府办公室关于印发惠州市2019年政务公开工作要点分工方案的通知</p>"
                + "<table border=1><tr><td>工作任务</td><td>责任单位</td></tr>"
                + "<tr><td>推进重大建设项目批准和实施领域信息公开。</td><td>市发展改革局</td></tr></table>"
                + "</td></tr></table></body></html>";
        ParsedPlan plan = HtmlPlanReader.read(html);
        assertEquals(List.of("推进重大建设项目批准和实施领域信息公开。|市发展改革局|null"), PlanReading.tasks(plan));
    }

    @Test
    void aTableSplitAtPageBreaksContinuesWithTheHeadingsBetweenItsParts() {
        // Word saved as a web page: one table per page, the header repeated, a section heading between
        String html = HEAD + "<p>一、加强政策解读</p>"
                + "<table><tr><td>具体任务</td><td>责任单位</td><td>完成时限</td></tr>"
                + "<tr><td>做好重要政策文件解读。</td><td>市政府办公室</td><td>持续推进</td></tr></table>"
                + "<p style=\"page-break-before:always\">二、回应社会关切</p>"
                + "<table><tr><td>具体任务</td><td>责任单位</td><td>完成时限</td></tr>"
                + "<tr><td>及时回应网民留言。</td><td>各区政府</td><td>2019年底前</td></tr></table>"
                + "<p>抄送：市委办公室。</p></body></html>";
        ParsedPlan plan = HtmlPlanReader.read(html);
        assertEquals(List.of("做好重要政策文件解读。|市政府办公室|持续推进", "及时回应网民留言。|各区政府|2019年底前"),
                PlanReading.tasks(plan));
        // a fragment without a title or date: the year is the only thing missing
        assertEquals(List.of(ParsedPlan.Problem.Kind.YEAR_MISSING), plan.problems().stream().map(ParsedPlan.Problem::kind).toList());
        assertEquals(List.of("加强政策解读", "回应社会关切"), plan.sections().stream().map(ParsedPlan.Section::title).toList());
    }

    @Test
    void aPageWithoutATableIsReadAsItsTextInReadingOrder() {
        // a page whose table was pasted as text: the lines go to the plain-text layouts
        String html = HEAD + "<div class=content><p>工作任务 | 责任单位</p><p><br></p>"
                + "<p>推进“互联网+监管”。 | 市市场监管局</p><p></p>"
                + "<p>加强 政务新媒体 管理。 | 市政务服务数据管理局</p></div>"
                + "<script>document.write('分享')</script></body></html>";
        assertEquals(List.of("推进“互联网+监管”。|市市场监管局|null", "加强政务新媒体管理。|市政务服务数据管理局|null"),
                PlanReading.tasks(HtmlPlanReader.read(html)));
    }

    @Test
    void aPageInGb2312IsDecodedByItsMetaCharset() {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>"
                + "<table><tr><td>工作任务</td><td>责任单位</td></tr><tr><td>推进政务公开标准化。</td><td>市政府办公室</td></tr>"
                + "</table></body></html>";
        byte[] gbk = html.getBytes(Charset.forName("GBK"));
        assertTrue(!PlanFormat.isUtf8(gbk));
        assertEquals(List.of("推进政务公开标准化。|市政府办公室|null"), PlanReading.tasks(HtmlPlanReader.read(gbk)));
        assertEquals(html, HtmlPlanReader.decode(html.getBytes(StandardCharsets.UTF_8)));
    }
}
