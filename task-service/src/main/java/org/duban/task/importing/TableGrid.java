package org.duban.task.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * A table whose cells may span rows and columns (HTML rowspan/colspan, Word merges), expanded into
 * a rectangular grid, then into layout rows once the header tells what each column is.
 * <p>
 * A cell spanning columns stands for empty cells after it, as in the plain-text export. A cell
 * spanning rows repeats its text down in the unit, deadline and remark columns (one unit cell for
 * three tasks: each task has those units) and is empty in the others (a work-item cell spanning its
 * tasks' rows must not start the work item again on every row). A cell's text keeps its paragraphs
 * as lines until the column is known (see {@link #joined}).
 */
final class TableGrid {

    enum Origin { OWN, COLUMN_SPAN, ROW_SPAN }

    record Cell(String text, Origin origin) {
    }

    /** A cell as the source gives it. */
    record Source(String text, int rowSpan, int colSpan) {
        Source {
            rowSpan = Math.max(1, Math.min(rowSpan, 1000));
            colSpan = Math.max(1, Math.min(colSpan, 50));
        }
    }

    private final List<List<Cell>> rows = new ArrayList<>();

    private TableGrid() {
    }

    /** Lays the source rows out, each cell in the first free column of its row. */
    static TableGrid of(List<List<Source>> source) {
        TableGrid g = new TableGrid();
        for (int r = 0; r < source.size(); r++) {
            List<Cell> row = g.row(r);
            int col = 0;
            for (Source s : source.get(r)) {
                while (col < row.size() && row.get(col) != null) {
                    col++;
                }
                for (int dr = 0; dr < s.rowSpan() && r + dr < source.size(); dr++) {
                    List<Cell> target = g.row(r + dr);
                    for (int dc = 0; dc < s.colSpan(); dc++) {
                        Origin o = dr > 0 ? Origin.ROW_SPAN : dc > 0 ? Origin.COLUMN_SPAN : Origin.OWN;
                        set(target, col + dc, new Cell(s.text(), o));
                    }
                }
                col += s.colSpan();
            }
        }
        for (List<Cell> row : g.rows) {
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) == null) {
                    row.set(c, new Cell("", Origin.OWN));
                }
            }
        }
        return g;
    }

    /** A grid whose cells are already placed (Word tables that mark merges per cell). */
    static TableGrid ofCells(List<List<Cell>> cells) {
        TableGrid g = new TableGrid();
        cells.forEach(r -> g.rows.add(new ArrayList<>(r)));
        return g;
    }

    private List<Cell> row(int r) {
        while (rows.size() <= r) {
            rows.add(new ArrayList<>());
        }
        return rows.get(r);
    }

    private static void set(List<Cell> row, int c, Cell cell) {
        while (row.size() <= c) {
            row.add(null);
        }
        if (row.get(c) == null) {
            row.set(c, cell);
        }
    }

    int size() {
        return rows.size();
    }

    int width() {
        return rows.stream().mapToInt(List::size).max().orElse(0);
    }

    /** The cells of row r as text, spans as the source shows them (for finding the header). */
    List<String> texts(int r) {
        return rows.get(r).stream().map(c -> c.origin() == Origin.OWN ? joined(c.text(), false) : "").toList();
    }

    /**
     * A cell's paragraphs (lines) as one text: run together (a paragraph of a task wrapped by hand),
     * but in a unit column a line is a unit ("市发展改革局" / "市财政局"), so lines join with 、
     * unless the line already ends with a separator.
     */
    static String joined(String text, boolean units) {
        if (text.indexOf('\n') < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (units && !b.isEmpty() && "，、；,;：:".indexOf(b.charAt(b.length() - 1)) < 0) {
                b.append('、');
            }
            b.append(l);
        }
        return b.toString();
    }

    /** The index of the first row (of the first ten) that reads as a task table's header, or -1. */
    int headerRow() {
        for (int r = 0; r < Math.min(rows.size(), 10); r++) {
            List<String> cells = texts(r);
            // a header's cells are short: this keeps page-layout tables, whose cells hold whole paragraphs, out
            if (cells.stream().allMatch(c -> c.strip().length() <= 30) && PlanStructure.columns(cells) != null) {
                return r;
            }
        }
        return -1;
    }

    /**
     * The header's cells: row h, or rows h and h+1 when the header is in two rows (a 责任单位 cell
     * spanning 牵头单位 | 配合单位 below it): each column named by its lower cell, else its upper one.
     */
    List<String> headerCells(int h) {
        return headerRows(h) == 1 ? texts(h) : merged(h);
    }

    /** 2 when row h+1 completes the header (short names under cells of row h that span columns), else 1. */
    int headerRows(int h) {
        if (h + 1 >= rows.size() || rows.get(h).stream().noneMatch(c -> c.origin() == Origin.COLUMN_SPAN)) {
            return 1;
        }
        List<String> below = texts(h + 1);
        boolean names = below.stream().anyMatch(c -> !c.isBlank())
                && below.stream().allMatch(c -> c.isBlank() || c.strip().length() <= 12 && c.matches(".*(单位|部门|时限|时间).*"));
        return names && PlanStructure.columns(merged(h)) != null ? 2 : 1;
    }

    private List<String> merged(int h) {
        // a spanning cell names each column it spans
        List<String> upper = rows.get(h).stream().map(c -> joined(c.text(), false)).toList();
        List<String> lower = texts(h + 1);
        List<String> out = new ArrayList<>();
        for (int c = 0; c < upper.size(); c++) {
            out.add(c < lower.size() && !lower.get(c).isBlank() ? lower.get(c) : upper.get(c));
        }
        return out;
    }

    /** Rows from..end as layout rows for a table with these header cells, numbered from firstLine. */
    List<PlanLayout.Row> layoutRows(int from, List<String> header, int firstLine) {
        List<PlanStructure.Column> cols = PlanStructure.columns(header);
        List<PlanLayout.Row> out = new ArrayList<>();
        for (int r = from; r < rows.size(); r++) {
            List<Cell> row = rows.get(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                Cell cell = row.get(c);
                boolean repeat = cell.origin() == Origin.ROW_SPAN && cols != null && c < cols.size()
                        && (cols.get(c) == PlanStructure.Column.UNITS || cols.get(c) == PlanStructure.Column.DEADLINE
                        || cols.get(c) == PlanStructure.Column.REMARK);
                boolean units = cols != null && c < cols.size() && cols.get(c) == PlanStructure.Column.UNITS;
                cells.add(cell.origin() == Origin.OWN || repeat ? joined(cell.text(), units) : "");
            }
            out.add(new PlanLayout.Row(firstLine + r - from, cells));
        }
        return out;
    }
}
