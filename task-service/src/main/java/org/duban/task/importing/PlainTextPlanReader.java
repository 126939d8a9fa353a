package org.duban.task.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a plan issued as plain text: the notice, then the table exported row by row. A row is a
 * block of lines separated from the next by an empty line; its cells are the lines that start
 * with a TAB (a line that is just a TAB is an empty cell), or the TAB- or |-separated parts of one
 * line. A line without a TAB inside a row continues the previous cell (a wrapped line).
 * Page numbers and footers ("— 3 —", "第3页", "3/12") are dropped. CRLF and a UTF-8 BOM are fine.
 */
public final class PlainTextPlanReader {

    private static final Pattern PAGE_FURNITURE = Pattern.compile(
            "^[\\s\\-—–－]*\\d{1,3}[\\s\\-—–－]*$|^第\\s*\\d+\\s*页.*$|^\\d{1,3}\\s*/\\s*\\d{1,3}$|^-\\s*\\d+\\s*-$");

    private PlainTextPlanReader() {
    }

    public static ParsedPlan read(String text) {
        return PlanStructure.build(layout(text));
    }

    static PlanLayout layout(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);

        List<PlanLayout.Line> notice = new ArrayList<>();
        List<PlanLayout.Row> rows = new ArrayList<>();
        PlanLayout.Row header = null;
        List<String> cells = null;
        int rowLine = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            boolean separator = line.isBlank() && !line.contains("\t");
            if (separator) {
                if (cells != null) {
                    PlanLayout.Row row = new PlanLayout.Row(rowLine, List.copyOf(cells));
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
            if (PAGE_FURNITURE.matcher(line.strip()).matches()) {
                continue;
            }
            boolean tabbed = line.startsWith("\t") || line.contains("\t") || line.contains("|") || line.contains("｜");
            if (!tabbed) {
                if (cells != null && !cells.isEmpty()) {
                    int last = cells.size() - 1;
                    cells.set(last, cells.get(last) + line.strip()); // a wrapped line of the last cell
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
                cells.add(c.strip());
            }
        }
        return new PlanLayout(notice, header, rows);
    }
}
