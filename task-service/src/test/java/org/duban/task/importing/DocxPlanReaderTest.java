package org.duban.task.importing;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
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

    private static List<String> strip(ParsedPlan p) {
        return p.sections().stream().flatMap(s -> s.workItems().stream().flatMap(w -> w.tasks().stream()
                .map(t -> s.title() + "|" + w.title() + "|" + t.text() + "|" + t.unitPhrase()))).toList();
    }
}
