package org.duban.task.importing;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a plan issued as a Word document (.docx, Apache POI): the paragraphs before the task table
 * are the notice; the first table with a task column and a unit column is the task table.
 * Vertically merged cells read as empty in their continuation rows, like the plain-text export.
 * A problem's "line" is the paragraph number in the notice, or the table row number.
 */
public final class DocxPlanReader {

    private DocxPlanReader() {
    }

    /** Thrown when the bytes are not a readable .docx. */
    public static final class NotADocxException extends Exception {
        NotADocxException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static ParsedPlan read(byte[] docx) throws NotADocxException {
        return PlanStructure.build(layout(docx));
    }

    static PlanLayout layout(byte[] docx) throws NotADocxException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<PlanLayout.Line> notice = new ArrayList<>();
            int paragraph = 0;
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    notice.add(new PlanLayout.Line(++paragraph, p.getText()));
                } else if (e instanceof XWPFTable t) {
                    PlanLayout found = taskTable(t, notice);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return new PlanLayout(notice, null, List.of());
        } catch (IOException | RuntimeException e) {
            // POI signals a non-OOXML or damaged file with assorted runtime exceptions
            throw new NotADocxException("The file is not a readable .docx document", e);
        }
    }

    private static PlanLayout taskTable(XWPFTable table, List<PlanLayout.Line> notice) {
        List<XWPFTableRow> rows = table.getRows();
        for (int h = 0; h < rows.size(); h++) {
            List<String> headerCells = cells(rows.get(h));
            if (PlanStructure.columns(headerCells) != null) {
                PlanLayout.Row header = new PlanLayout.Row(h + 1, headerCells);
                List<PlanLayout.Row> body = new ArrayList<>();
                for (int r = h + 1; r < rows.size(); r++) {
                    body.add(new PlanLayout.Row(r + 1, cells(rows.get(r))));
                }
                return new PlanLayout(notice, header, body);
            }
        }
        return null;
    }

    private static List<String> cells(XWPFTableRow row) {
        List<String> out = new ArrayList<>();
        for (XWPFTableCell c : row.getTableCells()) {
            String text = c.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining(""));
            out.add(text);
            // a cell spanning several grid columns stands for that many cells
            if (c.getCTTc().getTcPr() != null && c.getCTTc().getTcPr().getGridSpan() != null) {
                int span = c.getCTTc().getTcPr().getGridSpan().getVal().intValue();
                for (int i = 1; i < span; i++) {
                    out.add("");
                }
            }
        }
        return out;
    }
}
