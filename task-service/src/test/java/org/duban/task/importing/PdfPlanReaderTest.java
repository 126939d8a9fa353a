package org.duban.task.importing;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PDF fixtures were printed by LibreOffice: the seed's .docx, and a plan of numbered paragraphs. */
class PdfPlanReaderTest {

    @Test
    void theTextLayerOfAParagraphPlanComesInReadingOrder() throws Exception {
        String text = PdfPlanReader.text(PlanReading.fixture("paragraphs-plan.pdf"), 200).replaceAll("\\s", "");
        int notice = text.indexOf("某市人民政府办公室关于印发2021年优化营商环境重点任务分工方案的通知");
        int section = text.indexOf("一、持续深化“放管服”改革");
        int first = text.indexOf("（市司法局牵头，各区政府按职责分工负责）");
        int second = text.indexOf("（牵头单位：市住房城乡建设局；责任单位：市发展改革局、市自然资源局；完成时限：2021年6月底前）");
        assertTrue(notice >= 0 && notice < section && section < first && first < second, text);
    }

    @Test
    void theSeedPrintedToPdfKeepsItsNoticeAndEveryUnitPhrase() throws Exception {
        String text = PdfPlanReader.text(PlanReading.fixture("zhuhai-2020-openness-plan.pdf"), 200).replaceAll("\\s", "");
        ParsedPlan seed = PlainTextPlanReader.read(PlainTextPlanReaderTest.seed());
        assertTrue(text.contains("珠府办〔2020〕9号"));
        seed.sections().forEach(s -> s.workItems().forEach(w -> w.tasks().forEach(t ->
                assertTrue(text.contains(t.unitPhrase().replaceAll("\\s", "").substring(0, 6)), t.unitPhrase()))));
        // a table's cells wrap across lines in print: the text layer no longer tells the columns apart,
        // so a printed table is best effort (the plan's .docx or text is the form to send)
    }

    @Test
    void aPdfWithoutTextHasNoTaskTable() throws Exception {
        // a scanned plan: pages of images, no text layer
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            ParsedPlan plan = PdfPlanReader.read(out.toByteArray(), 200);
            assertEquals(0, plan.taskCount());
            assertEquals(ParsedPlan.Problem.Kind.NO_TASK_TABLE, plan.problems().get(0).kind());
        }
    }

    @Test
    void aDamagedPdfOrOneOverThePageLimitIsRefused() throws Exception {
        assertThrows(PdfPlanReader.NotAPdfException.class,
                () -> PdfPlanReader.read("%PDF-1.7\n这不是PDF".getBytes(StandardCharsets.UTF_8), 200));
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < 3; i++) {
                doc.addPage(new PDPage());
            }
            doc.save(out);
            PdfPlanReader.TooManyPagesException e = assertThrows(PdfPlanReader.TooManyPagesException.class,
                    () -> PdfPlanReader.read(out.toByteArray(), 2));
            assertEquals(3, e.pages);
        }
    }
}
