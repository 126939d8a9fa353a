package org.duban.task.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a document read as paragraphs and tables in order (.docx, .doc, HTML): one line per
 * paragraph and per table row, numbered from 1 in that order.
 * <p>
 * The first table with a header row naming a task column and a unit column is the task table; the
 * lines before it are the notice, but for numbered headings right above the table, which open it.
 * Later tables as wide as that header continue it (a table split at
 * a page break, with or without its header repeated, or one table per section), and a numbered
 * heading between two of them (二、…) becomes a heading row; what follows the last one (signature,
 * 抄送) is dropped. Without such a table the document is read as text by
 * {@link PlainTextPlanReader#layout(String)}: each paragraph a line, each table row a line of
 * TAB-separated cells, an empty line after each (paragraphs do not wrap here: one is one line).
 */
final class DocumentLayout {

    private DocumentLayout() {
    }

    /** Collects the document's paragraphs and tables in reading order. */
    static class Builder {
        private final List<Object> items = new ArrayList<>();

        Builder line(String text) {
            String t = text == null ? "" : text.strip();
            if (!t.isEmpty()) {
                items.add(t);
            }
            return this;
        }

        Builder table(TableGrid grid) {
            if (grid.size() > 0) {
                items.add(grid);
            }
            return this;
        }

        PlanLayout build() {
            return assemble(items);
        }
    }

    private static PlanLayout assemble(List<Object> items) {
        int line = 0;
        List<PlanLayout.Line> notice = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof String s) {
                notice.add(new PlanLayout.Line(++line, s));
                continue;
            }
            TableGrid grid = (TableGrid) items.get(i);
            int h = grid.headerRow();
            if (h < 0) {
                for (int r = 0; r < grid.size(); r++) {
                    notice.add(new PlanLayout.Line(++line, String.join(" ", grid.texts(r)).strip()));
                }
                continue;
            }
            List<String> headerCells = grid.headerCells(h);
            int body = h + grid.headerRows(h);
            PlanLayout.Row header = new PlanLayout.Row(line + h + 1, headerCells);
            List<PlanLayout.Row> rows = new ArrayList<>();
            // numbered headings just before the table (一、 above its first part) open it
            int first = notice.size();
            while (first > 0 && heading(notice.get(first - 1).text())) {
                first--;
            }
            List<PlanLayout.Line> headings = notice.subList(first, notice.size());
            headings.forEach(l -> rows.add(new PlanLayout.Row(l.number(), List.of(l.text()))));
            headings.clear();
            rows.addAll(grid.layoutRows(body, headerCells, line + body + 1));
            line += grid.size();
            List<PlanLayout.Row> between = new ArrayList<>();
            for (int j = i + 1; j < items.size(); j++) {
                if (items.get(j) instanceof String s) {
                    line++;
                    if (heading(s)) {
                        between.add(new PlanLayout.Row(line, List.of(s)));
                    }
                    continue;
                }
                TableGrid more = (TableGrid) items.get(j);
                if (more.width() != headerCells.size()) {
                    break;
                }
                rows.addAll(between);
                between.clear();
                rows.addAll(more.layoutRows(0, headerCells, line + 1));
                line += more.size();
            }
            return new PlanLayout(notice, header, rows);
        }
        return PlainTextPlanReader.layout(text(items));
    }

    /** A numbered section or work-item title (一、 / （一）), not a paragraph of text. */
    private static boolean heading(String s) {
        Numbering.Match n = Numbering.of(s);
        return n != null && s.length() <= 100
                && (n.level() == Numbering.Level.SECTION || n.level() == Numbering.Level.WORK_ITEM);
    }

    /** Each paragraph and each table row a block of its own (an empty line after it), as the text layouts read rows. */
    private static String text(List<Object> items) {
        StringBuilder b = new StringBuilder();
        for (Object o : items) {
            if (o instanceof String s) {
                b.append(s).append("\n\n");
            } else {
                TableGrid g = (TableGrid) o;
                b.append('\n');
                for (int r = 0; r < g.size(); r++) {
                    b.append(String.join("\t", g.texts(r))).append("\n\n");
                }
            }
        }
        return b.toString();
    }
}
