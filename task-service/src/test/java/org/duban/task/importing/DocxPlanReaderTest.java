package org.duban.task.importing;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocxPlanReaderTest {

    /**
     * The seed plan as an issuing office would write it in Word: the notice as paragraphs, the
     * table as a 3-column table whose work-item cell is empty in continuation rows.
     */
    static byte[] seedAsDocx() throws IOException {
        PlanLayout text = PlainTextPlanReader.layout(PlainTextPlanReaderTest.seed());
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (PlanLayout.Line l : text.notice()) {
                doc.createParagraph().createRun().setText(l.text().strip());
            }
            List<PlanLayout.Row> rows = new java.util.ArrayList<>();
            rows.add(text.header());
            rows.addAll(text.rows());
            XWPFTable table = doc.createTable(rows.size(), 3);
            for (int r = 0; r < rows.size(); r++) {
                List<String> cells = rows.get(r).cells();
                XWPFTableRow row = table.getRow(r);
                for (int c = 0; c < 3; c++) {
                    row.getCell(c).setText(c < cells.size() ? cells.get(c) : "");
                }
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void theSeedPlanAsADocxTableReadsTheSameAsTheText() throws Exception {
        ParsedPlan fromText = PlainTextPlanReader.read(PlainTextPlanReaderTest.seed());
        ParsedPlan fromDocx = DocxPlanReader.read(seedAsDocx());
        assertEquals(List.of(), fromDocx.problems());
        assertEquals(fromText.metadata(), fromDocx.metadata());
        assertEquals(28, fromDocx.taskCount());
        assertEquals(22, fromDocx.workItemCount());
        // same content; line numbers differ (table rows instead of text lines)
        assertEquals(strip(fromText), strip(fromDocx));
    }

    @Test
    void aFileThatIsNotADocxIsRefused() {
        assertThrows(DocxPlanReader.NotADocxException.class,
                () -> DocxPlanReader.read("这不是一个Word文档".getBytes(StandardCharsets.UTF_8)));
        assertThrows(DocxPlanReader.NotADocxException.class, () -> DocxPlanReader.read(new byte[] {0x50, 0x4b, 3, 4, 0, 0}));
    }

    /** A .docx of paragraphs ("P:text") and tables (rows of cells; "^" continues the cell above, a vMerge). */
    static byte[] docx(List<Object> body) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Object o : body) {
                if (o instanceof String p) {
                    doc.createParagraph().createRun().setText(p);
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<List<String>> rows = (List<List<String>>) o;
                XWPFTable table = doc.createTable(rows.size(), rows.get(0).size());
                for (int r = 0; r < rows.size(); r++) {
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        String v = rows.get(r).get(c);
                        var cell = table.getRow(r).getCell(c);
                        boolean restart = !v.equals("^") && r + 1 < rows.size() && rows.get(r + 1).get(c).equals("^");
                        if (v.equals("^")) {
                            cell.getCTTc().addNewTcPr().addNewVMerge().setVal(STMerge.CONTINUE);
                        } else {
                            if (restart) {
                                cell.getCTTc().addNewTcPr().addNewVMerge().setVal(STMerge.RESTART);
                            }
                            cell.setText(v);
                        }
                    }
                }
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aVerticallyMergedUnitCellGivesEachTaskItsUnitsAndAMergedWorkItemStartsOnce() throws Exception {
        byte[] docx = docx(List.of("潍坊市2017年政务公开工作要点分工方案", List.of(
                List.of("工作事项", "具体任务", "责任单位", "完成时限"),
                List.of("一、以政务公开助力稳增长", "", "", ""),
                List.of("（一）加强预期引导", "围绕我市经济社会发展形势及时宣传解读。", "市发改委牵头落实", "持续推进"),
                List.of("^", "做好统计数据发布解读。", "^", "^"),
                List.of("（二）推进重大建设项目信息公开", "公开项目审批和实施信息。", "市发改委、市住房城乡建设局", "2017年底前"))));
        ParsedPlan plan = DocxPlanReader.read(docx);
        assertEquals(List.of(), plan.problems());
        assertEquals(2, plan.workItemCount());
        assertEquals(List.of(
                "围绕我市经济社会发展形势及时宣传解读。|市发改委牵头落实|持续推进",
                "做好统计数据发布解读。|市发改委牵头落实|持续推进",
                "公开项目审批和实施信息。|市发改委、市住房城乡建设局|2017年底前"), PlanReading.tasks(plan));
    }

    @Test
    void aTableContinuedAfterAPageBreakAddsItsRowsWithTheHeadingBetween() throws Exception {
        List<String> header = List.of("序号", "工作任务", "责任单位");
        byte[] docx = docx(List.of("关于印发2021年民生实事分工方案的通知", "一、教育",
                List.of(header, List.of("1", "新建公办幼儿园5所。", "市教育局")),
                "", "二、医疗卫生",
                // the header repeated on the new page, and a part without it
                List.of(header, List.of("2", "建设社区卫生服务中心。", "市卫生健康局")),
                List.of(List.of("3", "推进家庭医生签约服务。", "市卫生健康局，各区政府")),
                "抄送：市委办公室，市人大常委会办公室。"));
        ParsedPlan plan = DocxPlanReader.read(docx);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("教育", "医疗卫生"), plan.sections().stream().map(ParsedPlan.Section::title).toList());
        assertEquals(List.of("新建公办幼儿园5所。|市教育局|null", "建设社区卫生服务中心。|市卫生健康局|null",
                "推进家庭医生签约服务。|市卫生健康局，各区政府|null"), PlanReading.tasks(plan));
    }

    @Test
    void paragraphsOfAUnitCellAreSeparateUnits() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("工作任务");
            table.getRow(0).getCell(1).setText("责任单位");
            var task = table.getRow(1).getCell(0);
            task.setText("深化“证照分离”改革，");
            task.addParagraph().createRun().setText("推进照后减证。");
            var units = table.getRow(1).getCell(1);
            units.setText("市市场监管局");
            units.addParagraph().createRun().setText("市司法局");
            doc.write(out);
            assertEquals(List.of("深化“证照分离”改革，推进照后减证。|市市场监管局、市司法局|null"),
                    PlanReading.tasks(DocxPlanReader.read(out.toByteArray())));
        }
    }

    @Test
    void aTableBeforeTheTaskTableIsPartOfTheNotice() throws Exception {
        byte[] docx = docx(List.of("珠府办〔2020〕9号",
                List.of(List.of("签发人：", "张三")),
                List.of(List.of("工作任务", "责任单位"), List.of("推进政务公开。", "市政府办公室"))));
        ParsedPlan plan = DocxPlanReader.read(docx);
        assertEquals(List.of("推进政务公开。|市政府办公室|null"), PlanReading.tasks(plan));
        assertEquals("珠府办〔2020〕9号", plan.metadata().documentNumber());
    }

    private static List<String> strip(ParsedPlan p) {
        return p.sections().stream().flatMap(s -> s.workItems().stream().flatMap(w -> w.tasks().stream()
                .map(t -> s.title() + "|" + w.title() + "|" + t.text() + "|" + t.unitPhrase()))).toList();
    }
}
