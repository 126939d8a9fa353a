package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlanFormatTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFormIsToldByTheContent() throws Exception {
        assertEquals(PlanFormat.DOCX, PlanFormat.sniff(DocxPlanReaderTest.seedAsDocx()));
        assertEquals(PlanFormat.DOC, PlanFormat.sniff(PlanReading.fixture("zhuhai-2020-openness-plan.doc")));
        assertEquals(PlanFormat.PDF, PlanFormat.sniff(PlanReading.fixture("zhuhai-2020-openness-plan.pdf")));
        assertEquals(PlanFormat.HTML, PlanFormat.sniff(PlanReading.fixture("zhuhai-2020-openness-plan.html")));
        assertEquals(PlanFormat.TEXT, PlanFormat.sniff(utf8(PlainTextPlanReaderTest.seed())));
    }

    @Test
    void htmlIsRecognisedInSavedPagesAndClipboardFragments() {
        assertEquals(PlanFormat.HTML, PlanFormat.sniff(utf8("\uFEFF<!DOCTYPE html>\n<html><body>通知</body></html>")));
        assertEquals(PlanFormat.HTML, PlanFormat.sniff(utf8("<!-- saved from url=(0042)http://www.example.gov.cn/ -->\r\n<HTML>")));
        assertEquals(PlanFormat.HTML, PlanFormat.sniff(utf8("  <table><tr><td>工作任务</td><td>责任单位</td></tr></table>")));
        assertEquals(PlanFormat.HTML, PlanFormat.sniff(utf8("Version:0.9\r\nStartHTML:0000000105\r\n<html><body><table>")));
        // text that mentions a tag is text
        assertEquals(PlanFormat.TEXT, PlanFormat.sniff(utf8("工作任务\t责任单位\n在网页中用<table>发布。\t市政府办公室\n")));
    }

    @Test
    void whatTheClientClaimsIsReadFromTheFileNameOrContentType() {
        assertEquals(PlanFormat.DOCX, PlanFormat.declared(null, "方案.DOCX"));
        assertEquals(PlanFormat.DOC, PlanFormat.declared("application/msword", null));
        assertEquals(PlanFormat.PDF, PlanFormat.declared("application/octet-stream", "珠府办〔2020〕9号.pdf"));
        assertNull(PlanFormat.declared("text/html; charset=UTF-8", "方案.htm"));
        assertNull(PlanFormat.declared(null, null));
    }

    @Test
    void textThatIsNotUtf8IsReadAsGb18030() throws Exception {
        String plan = "工作任务\t责任单位\n\n推进政务公开标准化规范化。\t市政府办公室\n";
        assertEquals(plan, PlanFormat.decodeText(plan.getBytes(Charset.forName("GB18030"))));
        assertEquals(plan, PlanFormat.decodeText(plan.getBytes(Charset.forName("GBK"))));
        assertEquals(plan, PlanFormat.decodeText(("\uFEFF" + plan).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void binaryDataIsNotText() {
        assertThrows(PlanFormat.NotTextException.class, () -> PlanFormat.decodeText(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}));
        // valid GB18030 byte pairs but with control characters: binary, not a document
        assertThrows(PlanFormat.NotTextException.class, () -> PlanFormat.decodeText(new byte[] {(byte) 0xB9, (byte) 0xA4, 0x01, 0x02}));
    }
}
