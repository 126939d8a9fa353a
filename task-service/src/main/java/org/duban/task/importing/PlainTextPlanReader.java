package org.duban.task.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a plan issued as plain text — typed, exported, or copied from a web page, a PDF or a Word
 * file — into a {@link PlanLayout}: the notice's lines, then the task table's header and rows.
 * The layout is recognised from the text itself (see {@link TextLayouts}):
 * <ul>
 *   <li>the export of the seed: rows separated by an empty line, each cell on a line starting with a TAB;</li>
 *   <li>tab-separated or {@code |} pipe rows, a row per line, with or without blank lines between rows
 *       and with or without a closing {@code |};</li>
 *   <li>one cell per line (a copied HTML table), its width taken from the header's cells;</li>
 *   <li>no table at all: numbered paragraphs ending in a unit parenthesis ({@link ParagraphLayout}).</li>
 * </ul>
 * Page numbers and footers ("— 3 —", "第3页", "3/12") are dropped. CRLF and a UTF-8 BOM are fine.
 * {@link #layout(String)} is also what the other readers call with the text they extracted.
 */
public final class PlainTextPlanReader {

    private PlainTextPlanReader() {
    }

    public static ParsedPlan read(String text) {
        return PlanStructure.build(layout(text));
    }

    static PlanLayout layout(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        TextLayouts.Header header = TextLayouts.findHeader(lines);
        if (header != null) {
            return switch (header.kind()) {
                case BLOCKS -> blocks(lines);
                case ROW_PER_LINE -> TextLayouts.rowPerLine(lines, header);
                case CELL_PER_LINE -> TextLayouts.cellPerLine(lines, header);
            };
        }
        PlanLayout paragraphs = ParagraphLayout.layout(lines);
        return paragraphs != null ? paragraphs : blocks(lines);
    }

    /**
     * The seed's export: a row is a block of lines separated from the next by an empty line; its
     * cells are the lines that start with a TAB (a line that is just a TAB is an empty cell), or
     * the TAB- or |-separated parts of one line. A line without a TAB inside a row continues the
     * previous cell (a wrapped line).
     */
    private static PlanLayout blocks(String[] lines) {
        List<PlanLayout.Line> notice = new ArrayList<>();
        List<PlanLayout.Row> rows = new ArrayList<>();
        PlanLayout.Row header = null;
        List<StringBuilder> cells = null;
        int rowLine = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            boolean separator = line.isBlank() && !line.contains("\t");
            if (separator) {
                if (cells != null) {
                    PlanLayout.Row row = new PlanLayout.Row(rowLine, cells.stream().map(StringBuilder::toString).toList());
                    if (header == null && PlanStructure.columns(row.cells()) != null) {
                        header = row;
                    } else if (header == null) {
                        row.cells().forEach(c -> notice.add(new PlanLayout.Line(row.line(), c)));
                    } else {
                        rows.add(row);
                    }
                    cells = null;
                }
                continue;
            }
            if (TextLayouts.isPageFurniture(line)) {
                continue;
            }
            boolean tabbed = line.startsWith("\t") || line.contains("\t") || line.contains("|") || line.contains("｜");
            if (!tabbed) {
                if (cells != null && !cells.isEmpty()) {
                    cells.get(cells.size() - 1).append(line.strip()); // a wrapped line of the last cell
                } else if (header == null) {
                    notice.add(new PlanLayout.Line(i + 1, line));
                } else {
                    // a line of text on its own after the table started: a one-cell row
                    rows.add(new PlanLayout.Row(i + 1, List.of(line.strip())));
                }
                continue;
            }
            if (cells == null) {
                cells = new ArrayList<>();
                rowLine = i + 1;
            }
            String body = line.startsWith("\t") ? line.substring(1) : line;
            for (String c : body.split("\t|\\||｜", -1)) {
                cells.add(new StringBuilder(c.strip()));
            }
        }
        return new PlanLayout(notice, header, rows);
    }
}
