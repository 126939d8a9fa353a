package org.duban.task.importing;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTrPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a plan issued as a Word document (.docx, Apache POI): paragraphs and tables in order, laid
 * out by {@link DocumentLayout} (the first table with a task and a unit column is the task table,
 * later tables as wide continue it). Merged cells as {@link TableGrid} says: a vertically merged
 * unit or deadline cell applies to each row it spans. A problem's "line" is the paragraph or table
 * row, counted together in document order.
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
            DocumentLayout.Builder out = new DocumentLayout.Builder();
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    out.line(p.getText());
                } else if (e instanceof XWPFTable t) {
                    out.table(grid(t));
                }
            }
            return out.build();
        } catch (IOException | RuntimeException e) {
            // POI signals a non-OOXML or damaged file with assorted runtime exceptions
            throw new NotADocxException("The file is not a readable .docx document", e);
        }
    }

    /** The table on its grid: w:gridBefore and w:gridSpan as empty cells, w:vMerge continuations as row spans. */
    private static TableGrid grid(XWPFTable table) {
        List<List<TableGrid.Cell>> rows = new ArrayList<>();
        for (XWPFTableRow row : table.getRows()) {
            List<TableGrid.Cell> out = new ArrayList<>();
            CTTrPr trPr = row.getCtRow().getTrPr();
            if (trPr != null && trPr.sizeOfGridBeforeArray() > 0 && trPr.getGridBeforeArray(0).getVal() != null) {
                for (int i = 0; i < trPr.getGridBeforeArray(0).getVal().intValue(); i++) {
                    out.add(new TableGrid.Cell("", TableGrid.Origin.OWN));
                }
            }
            for (XWPFTableCell c : row.getTableCells()) {
                CTTcPr pr = c.getCTTc().getTcPr();
                boolean continued = pr != null && pr.getVMerge() != null
                        && (pr.getVMerge().getVal() == null || pr.getVMerge().getVal() == STMerge.CONTINUE);
                String text = continued ? above(rows, out.size())
                        : c.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"));
                out.add(new TableGrid.Cell(text, continued ? TableGrid.Origin.ROW_SPAN : TableGrid.Origin.OWN));
                // a cell spanning several grid columns stands for that many cells
                int span = pr != null && pr.getGridSpan() != null ? pr.getGridSpan().getVal().intValue() : 1;
                for (int i = 1; i < span; i++) {
                    out.add(new TableGrid.Cell("", TableGrid.Origin.COLUMN_SPAN));
                }
            }
            rows.add(out);
        }
        return TableGrid.ofCells(rows);
    }

    /** The text of the cell a vertically merged one continues. */
    private static String above(List<List<TableGrid.Cell>> rows, int col) {
        for (int r = rows.size() - 1; r >= 0; r--) {
            List<TableGrid.Cell> row = rows.get(r);
            if (col < row.size() && row.get(col).origin() != TableGrid.Origin.ROW_SPAN) {
                return row.get(col).text();
            }
        }
        return "";
    }
}
