package org.duban.task.importing;

import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.hwpf.usermodel.Table;
import org.apache.poi.hwpf.usermodel.TableCell;
import org.apache.poi.hwpf.usermodel.TableRow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a plan issued as a legacy Word document (.doc, Apache POI HWPF): paragraphs as lines and
 * tables as rows of cells, in document order, then as {@link HtmlPlanReader} does: the first table
 * with a task and a unit column is the task table, later tables as wide continue it, and without
 * such a table the text goes to the plain-text layouts. Columns are placed by the cells' left
 * edges (a .doc row has no grid, only cell boundaries), so merged cells line up; a vertically
 * merged cell repeats as {@link TableGrid} says. A problem's "line" is the paragraph or table row.
 */
public final class DocPlanReader {

    private DocPlanReader() {
    }

    /** Thrown when the bytes are not a readable .doc. */
    public static final class NotADocException extends Exception {
        NotADocException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static ParsedPlan read(byte[] doc) throws NotADocException {
        return PlanStructure.build(layout(doc));
    }

    static PlanLayout layout(byte[] bytes) throws NotADocException {
        try (HWPFDocument doc = new HWPFDocument(new ByteArrayInputStream(bytes))) {
            Range range = doc.getRange();
            DocumentLayout.Builder out = new DocumentLayout.Builder();
            for (int i = 0; i < range.numParagraphs(); i++) {
                Paragraph p = range.getParagraph(i);
                if (p.isInTable()) {
                    Table t = range.getTable(p);
                    out.table(grid(t));
                    i += t.numParagraphs() - 1;
                } else {
                    out.line(clean(p.text()));
                }
            }
            return out.build();
        } catch (IOException | RuntimeException e) {
            // POI signals a non-OLE2 or damaged file with assorted runtime exceptions
            throw new NotADocException("The file is not a readable .doc document", e);
        }
    }

    private static TableGrid grid(Table t) {
        TreeSet<Integer> edges = new TreeSet<>();
        for (int r = 0; r < t.numRows(); r++) {
            TableRow row = t.getRow(r);
            for (int c = 0; c < row.numCells(); c++) {
                edges.add(row.getCell(c).getLeftEdge());
            }
        }
        List<Integer> columns = new ArrayList<>(edges);
        List<List<TableGrid.Cell>> cells = new ArrayList<>();
        for (int r = 0; r < t.numRows(); r++) {
            TableRow row = t.getRow(r);
            List<TableGrid.Cell> out = new ArrayList<>();
            for (int c = 0; c < row.numCells(); c++) {
                TableCell cell = row.getCell(c);
                int start = columns.indexOf(cell.getLeftEdge());
                int right = cell.getLeftEdge() + cell.getWidth();
                int end = c + 1 < row.numCells() ? columns.indexOf(row.getCell(c + 1).getLeftEdge())
                        : (int) columns.stream().filter(e -> e < right - 10).count();
                while (out.size() < start) {
                    out.add(new TableGrid.Cell("", TableGrid.Origin.OWN));
                }
                boolean continued = cell.isVerticallyMerged() && !cell.isFirstVerticallyMerged();
                String text = continued ? above(cells, out.size()) : cellText(cell);
                out.add(new TableGrid.Cell(text, continued ? TableGrid.Origin.ROW_SPAN : TableGrid.Origin.OWN));
                for (int k = start + 1; k < end; k++) {
                    out.add(new TableGrid.Cell("", TableGrid.Origin.COLUMN_SPAN));
                }
            }
            cells.add(out);
        }
        return TableGrid.ofCells(cells);
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

    /** The cell's paragraphs as lines (see TableGrid#joined). */
    private static String cellText(TableCell cell) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < cell.numParagraphs(); i++) {
            String l = clean(cell.getParagraph(i).text());
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return String.join("\n", lines);
    }

    /** Word's marks out: fields (keeping what they show), cell and paragraph marks, soft breaks. */
    private static String clean(String raw) {
        String s = Range.stripFields(raw);
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == '\u3000' || ch == '\u00A0') {
                b.append(' ');
            } else if (ch >= 0x20) {
                b.append(ch);
            }
        }
        return b.toString().strip();
    }
}
