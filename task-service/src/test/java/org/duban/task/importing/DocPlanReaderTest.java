package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The .doc fixtures are Word 97-2003 files saved by LibreOffice from .docx files written with POI. */
class DocPlanReaderTest {

    @Test
    void theSeedPlanAsALegacyWordFileReadsLikeItsText() throws Exception {
        ParsedPlan fromText = PlainTextPlanReader.read(PlainTextPlanReaderTest.seed());
        ParsedPlan fromDoc = DocPlanReader.read(PlanReading.fixture("zhuhai-2020-openness-plan.doc"));
        assertEquals(List.of(), fromDoc.problems());
        assertEquals(6, fromDoc.sections().size());
        assertEquals(22, fromDoc.workItemCount());
        assertEquals(28, fromDoc.taskCount());
        assertEquals(PlanReading.content(fromText), PlanReading.content(fromDoc));
        assertEquals(fromText.metadata(), fromDoc.metadata());
    }

    @Test
    void mergedCellsOfALegacyWordTableLineUp() throws Exception {
        // 工作事项 | 具体任务 | 责任单位 | 完成时限; the section row is one cell across the table; the work item,
        // unit and deadline cells of the first work item are merged over its two tasks
        ParsedPlan plan = DocPlanReader.read(PlanReading.fixture("yantai-2018-merged-cells.doc"));
        assertEquals(List.of(), plan.problems());
        assertEquals("推进决策执行公开", plan.sections().get(0).title());
        assertEquals(List.of("推进重大决策预公开", "加强政策解读"),
                plan.sections().get(0).workItems().stream().map(ParsedPlan.WorkItem::title).toList());
        assertEquals(List.of(
                "重大决策草案向社会公开征求意见。|市政府办公室牵头，各区市政府配合|持续推进",
                "做好决策过程信息公开。|市政府办公室牵头，各区市政府配合|持续推进",
                "坚持政策解读与政策制定同步。|市直有关部门|2018年底前"), PlanReading.tasks(plan));
        assertEquals("烟政办字〔2018〕25号", plan.metadata().documentNumber());
    }

    @Test
    void aFileThatIsNotADocIsRefused() {
        assertThrows(DocPlanReader.NotADocException.class,
                () -> DocPlanReader.read("这不是一个Word文档".getBytes(StandardCharsets.UTF_8)));
        byte[] ole2Header = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThrows(DocPlanReader.NotADocException.class, () -> DocPlanReader.read(ole2Header));
    }
}
