package org.duban.task.importing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The table layouts of a plan given as plain text, recognised from the task table's header:
 * <ul>
 *   <li>{@link Kind#BLOCKS}: the seed's export, a row per block of TAB-led lines (read by
 *       {@link PlainTextPlanReader});</li>
 *   <li>{@link Kind#ROW_PER_LINE}: one line holds a row, its cells separated by TABs or {@code |}
 *       (a pipe table, with or without the outer {@code |}); blank lines between rows or not;</li>
 *   <li>{@link Kind#CELL_PER_LINE}: each cell on its own line, as copying an HTML table gives;
 *       the header's words, one a line, give the width, and each line's content (a unit phrase, a
 *       deadline, a numbered heading, task text) says which column it fills.</li>
 * </ul>
 * Cells left out because the source cell spanned several rows (rowspan) read as empty.
 */
final class TextLayouts {

    enum Kind { BLOCKS, ROW_PER_LINE, CELL_PER_LINE }

    /** The header found: its kind, first and last line (0-based), cells, and how its rows are cut. */
    record Header(Kind kind, int first, int last, List<String> cells, boolean pipes, boolean ledPipe,
                  boolean closingPipe, boolean tabMarker) {
    }

    private static final Pattern PAGE_FURNITURE = Pattern.compile(
            "^[\\s\\-—–－]*\\d{1,3}[\\s\\-—–－]*$|^第\\s*\\d+\\s*页.*$|^\\d{1,3}\\s*/\\s*\\d{1,3}$|^-\\s*\\d+\\s*-$");
    private static final Pattern HEADER_WORD = Pattern.compile(
            ".*(序号|编号|目标|任务|事项|内容|要求|措施|单位|部门|时限|时间|期限|节点|备注|工作|重点|要点|举措|分工|进度).*");
    private static final Pattern MARKDOWN_RULE = Pattern.compile("^[\\s|｜:：\\-—=+]*-[\\s|｜:：\\-—=+]*$");
    private static final Pattern ONLY_PIPES = Pattern.compile("^[\\s|｜]+$");
    private static final Pattern DELIMITER = Pattern.compile("\t|\\||｜");
    private static final Pattern PIPE = Pattern.compile("\\||｜");
    private static final Pattern ROW_NUMBER = Pattern.compile("\\d{1,4}[.．、]?");
    private static final Pattern PUNCTUATION = Pattern.compile("[。，,；;：:]");
    private static final Pattern WHITE = Pattern.compile("\\s");
    private static final Pattern BRACKETED = Pattern.compile("[（(][^）)]*[）)]");
    private static final Pattern PARTS = Pattern.compile("[、，,；;/\\s]+");
    private static final Pattern UNIT_LABEL = Pattern.compile("^(牵头单位|责任单位|配合单位|参与单位)[：:]");

    /** The words that mark how a unit takes part, taken off before the unit names are judged. */
    private static final Pattern ROLE_WORDS = Pattern.compile(
            "(分别牵头落实|牵头落实|按职责分工负责|按职责负责|分工负责|共同负责|分别负责|牵头负责|牵头|负责|配合|参与|落实|等有关单位|等相关单位|等)$");
    private static final Pattern UNIT_END = Pattern.compile(
            ".*(局|委|办|院|厅|府|部门|单位|会|中心|行|公司|集团|室|处|科|街道|镇|乡|队|所|站|台|社|馆|署|关|部|组|团|联|协|区|县|市|分局)$");
    private static final Pattern DEADLINE = Pattern.compile(
            "^((\\d{4}|[〇零一二三四五六七八九]{4})\\s*年.{0,16}|\\d{1,2}\\s*月.{0,12}|年底前.{0,4}|年内.{0,4}|全年.{0,4}"
                    + "|长期.{0,6}|持续.{0,6}|常态化.{0,6}|每年.{0,10}|每季度.{0,8}|每月.{0,8}|每半年.{0,8}"
                    + "|按.{0,14}|立即.{0,4}|及时.{0,4}|\\d{4}\\s*[.\\-/]\\s*\\d{1,2}.{0,12})$");

    private TextLayouts() {
    }

    static boolean isPageFurniture(String line) {
        return PAGE_FURNITURE.matcher(line.strip()).matches();
    }

    /** The first line (or run of lines) that reads as a task table's header; null if none. */
    static Header findHeader(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (DELIMITER.matcher(line).find() && !ONLY_PIPES.matcher(line).matches()) {
                boolean pipes = !line.contains("\t");
                boolean tabMarker = line.startsWith("\t");
                Cut cut = cut(tabMarker ? line.substring(1) : line, pipes);
                long filled = cut.cells().stream().filter(c -> !c.isEmpty()).count();
                if (filled >= 2 && isHeader(cut.cells())) {
                    Kind kind = !pipes && blocked(lines, i + 1) ? Kind.BLOCKS : Kind.ROW_PER_LINE;
                    return new Header(kind, i, i, cut.cells(), pipes, pipes && cut.led(), pipes && cut.closed(), tabMarker);
                }
            }
            Header run = headerRun(lines, i);
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    /** A header of one cell a line starting at line {@code i}: 2 to 8 header words (blank and | lines between). */
    static Header headerRun(String[] lines, int i) {
        if (!headerWord(lines[i])) {
            return null;
        }
        List<String> run = new ArrayList<>();
        int j = i;
        int last = i;
        while (j < lines.length && run.size() < 8) {
            String l = lines[j];
            if (l.isBlank() || ONLY_PIPES.matcher(l).matches()) {
                j++;
                continue;
            }
            if (!headerWord(l)) {
                break;
            }
            run.add(cellText(l));
            last = j++;
        }
        if (run.size() >= 2 && isHeader(run)) {
            Kind kind = lines[i].startsWith("\t") ? Kind.BLOCKS : Kind.CELL_PER_LINE;
            return new Header(kind, i, last, List.copyOf(run), false, false, false, false);
        }
        return null;
    }

    /**
     * Whether cells read as a task table's header: the structure knows its columns, or it has a
     * unit column and a text column named like a task (目标/任务/内容/要求/措施/事项) — then the
     * structure, not the layout, says what it cannot map.
     */
    static boolean isHeader(List<String> cells) {
        if (PlanStructure.columns(cells) != null) {
            return true;
        }
        boolean units = false;
        boolean task = false;
        for (String c : cells) {
            Role r = role(c);
            units |= r == Role.UNITS;
            task |= r == Role.TEXT && c.replaceAll("\\s", "").matches(".*(目标|任务|内容|要求|措施|事项|举措).*");
        }
        return units && task;
    }

    private static boolean headerWord(String line) {
        String s = WHITE.matcher(cellText(line)).replaceAll("");
        return s.length() >= 2 && s.length() <= 12 && !DELIMITER.matcher(s).find()
                && !PUNCTUATION.matcher(s).find() && Numbering.of(s) == null && HEADER_WORD.matcher(s).matches();
    }

    /**
     * A line holding one cell: stripped, without a lone | closing (or opening) it — a copied table
     * may end every cell with " |".
     */
    static String cellText(String line) {
        String s = line.strip();
        if (s.length() > 1 && PIPE.matcher(s.substring(s.length() - 1)).matches()) {
            String t = s.substring(0, s.length() - 1).strip();
            if (!PIPE.matcher(t).find()) {
                s = t;
            }
        }
        if (s.length() > 1 && PIPE.matcher(s.substring(0, 1)).matches()) {
            String t = s.substring(1).strip();
            if (!PIPE.matcher(t).find()) {
                s = t;
            }
        }
        return s;
    }

    /** Whether the rows after a TAB header are the seed's blocks: blank-separated groups of TAB-led lines. */
    private static boolean blocked(String[] lines, int from) {
        int blocks = 0;
        int multi = 0;
        int led = 0;
        boolean open = false;
        for (int i = from; i <= lines.length; i++) {
            String l = i < lines.length ? lines[i] : "";
            if (l.isBlank() && !l.contains("\t")) {
                if (open) {
                    blocks++;
                    multi += led >= 2 ? 1 : 0;
                }
                open = false;
                led = 0;
                continue;
            }
            open = true;
            led += l.startsWith("\t") ? 1 : 0;
        }
        return blocks >= 2 && multi * 3 >= blocks;
    }

    private record Cut(List<String> cells, boolean led, boolean closed) {
    }

    /** A line's cells; with pipes, the outer | (leading, closing) are not cell borders of empty cells. */
    private static Cut cut(String line, boolean pipes) {
        String s = pipes ? line.strip() : line;
        boolean led = false;
        boolean closed = false;
        if (pipes) {
            led = !s.isEmpty() && PIPE.matcher(s.substring(0, 1)).matches();
            if (led) {
                s = s.substring(1);
            }
            closed = !s.isEmpty() && PIPE.matcher(s.substring(s.length() - 1)).matches();
            if (closed) {
                s = s.substring(0, s.length() - 1);
            }
        } else {
            led = s.startsWith("\t");
        }
        List<String> cells = Arrays.stream((pipes ? PIPE : DELIMITER).split(s, -1)).map(String::strip).toList();
        return new Cut(cells, led, closed);
    }

    private static List<PlanLayout.Line> notice(String[] lines, int end) {
        List<PlanLayout.Line> notice = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (!lines[i].isBlank() && !isPageFurniture(lines[i]) && !ONLY_PIPES.matcher(lines[i]).matches()) {
                notice.add(new PlanLayout.Line(i + 1, lines[i].strip()));
            }
        }
        return notice;
    }

    /** A row being read: its first line, its cells, and whether its line ended before its closing |. */
    private static final class Pending {
        final int line;
        final List<StringBuilder> cells = new ArrayList<>();
        boolean open;
        /** The last cell opened a spreadsheet's "…" that no line has closed yet (kept as lines come: a cell may be long). */
        private boolean quote;

        Pending(int line, List<String> cells) {
            this.line = line;
            add(cells);
        }

        void add(List<String> more) {
            for (String c : more) {
                cells.add(new StringBuilder(c));
                quote = c.startsWith("\"") && odd(c);
            }
        }

        void appendToLast(String text) {
            int at = cells.size() - 1;
            while (at > 0 && cells.get(at).isEmpty()) {
                at--;
            }
            cells.get(at).append(text);
            if (at == cells.size() - 1 && quote && odd(text)) {
                quote = false;
            }
        }

        private static boolean odd(String s) {
            return s.chars().filter(ch -> ch == '"').count() % 2 == 1;
        }

        boolean quoteOpen() {
            return quote;
        }

        PlanLayout.Row row() {
            return new PlanLayout.Row(line, cells.stream().map(c -> unquote(c.toString())).toList());
        }
    }

    /** A spreadsheet's copy puts a cell holding line breaks or quotes in "…", with " doubled. */
    static String unquote(String cell) {
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            return cell.substring(1, cell.length() - 1).replace("\"\"", "\"").strip();
        }
        return cell;
    }

    /** TSV or pipe rows, one a line; a line without a delimiter continues a cell or is a heading row. */
    static PlanLayout rowPerLine(String[] lines, Header header) {
        int width = header.cells().size();
        List<PlanLayout.Row> rows = new ArrayList<>();
        Pending current = null;
        for (int i = header.last() + 1; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.isBlank() || isPageFurniture(raw) || ONLY_PIPES.matcher(raw).matches()
                    || (header.pipes() && MARKDOWN_RULE.matcher(raw).matches())) {
                continue;
            }
            String body = header.tabMarker() && raw.startsWith("\t") ? raw.substring(1) : raw;
            if (DELIMITER.matcher(body).find()) {
                Cut cut = cut(body, header.pipes() || !body.contains("\t"));
                if (header.pipes() && !header.ledPipe() && cut.led()) {
                    // a table without outer pipes: a row's leading | borders an empty first cell
                    List<String> withEmpty = new ArrayList<>(cut.cells());
                    withEmpty.add(0, "");
                    cut = new Cut(withEmpty, true, cut.closed());
                }
                if (current != null && (current.quoteOpen() || continues(current, cut, width))) {
                    current.appendToLast(cut.cells().get(0));
                    current.add(cut.cells().subList(1, cut.cells().size()));
                    current.open = header.closingPipe() && !cut.closed();
                } else {
                    add(rows, current);
                    current = new Pending(i + 1, cut.cells());
                    current.open = header.closingPipe() && !cut.closed();
                }
                continue;
            }
            String text = raw.strip();
            if (current != null && (current.open || current.quoteOpen() || Numbering.of(text) == null)) {
                current.appendToLast(text); // a wrapped line of a cell
            } else {
                add(rows, current);
                current = new Pending(i + 1, List.of(text)); // a heading row: 一、… spanning the table
            }
        }
        add(rows, current);
        return new PlanLayout(notice(lines, header.first()), new PlanLayout.Row(header.first() + 1, header.cells()), rows);
    }

    /**
     * Whether a delimited line carries on the row before it rather than starting one: the row's
     * line ended before its closing |, or (without closing |) the row is short of cells, names no
     * units yet and the line does not start with a number or a delimiter — a cell wrapped mid-row.
     */
    private static boolean continues(Pending current, Cut cut, int width) {
        if (current.open) {
            return true;
        }
        if (current.cells.size() >= width || cut.led() || current.cells.size() + cut.cells().size() - 1 > width) {
            return false;
        }
        String first = cut.cells().get(0);
        return !first.isEmpty() && Numbering.of(first) == null && current.cells.size() > 1
                && current.cells.stream().noneMatch(c -> unitLike(c.toString()));
    }

    private static void add(List<PlanLayout.Row> rows, Pending p) {
        if (p != null) {
            rows.add(p.row());
        }
    }

    private enum Role { NUMBER, TEXT, UNITS, DEADLINE, REMARK }

    private static Role role(String header) {
        String h = header.replaceAll("\\s", "");
        if (h.contains("单位") || h.contains("部门")) {
            return Role.UNITS;
        }
        if (h.matches(".*(序号|编号).*")) {
            return Role.NUMBER;
        }
        if (h.matches(".*(时限|时间|期限|节点|进度).*")) {
            return Role.DEADLINE;
        }
        return h.contains("备注") ? Role.REMARK : Role.TEXT;
    }

    /** A line that stands for an empty cell: "——", "—", "/", "无". */
    private static final Pattern PLACEHOLDER = Pattern.compile("^([—\\-－–]{1,4}|/|／|无)$");
    private static final Pattern ATTACHMENT = Pattern.compile("^附件\\s*[0-9０-９一二三四五六七八九十]*\\s*[:：]?$");

    /**
     * One cell a line. Each line goes to the column its content fits — a unit phrase to the unit
     * column, a deadline to the deadline column, 一、 to the section column (目标), （一） to the
     * work-item column, anything else to the task column — and a line that fits a column at or
     * before the last one filled starts the next row. Task text right after task text is a wrapped
     * line, unless every cell stands between blank lines (a cell never wraps across a blank line):
     * then it is the next cell. 一、 or （一） without a column of their own are heading rows of one
     * cell; a bare number is the 序号 cell or, with no such column, where a row starts. A second
     * table (附件2 with its own header) switches to its header.
     */
    static PlanLayout cellPerLine(String[] lines, Header first) {
        Header header = first;
        boolean spaced = blankSeparated(lines, first.last() + 1);
        Columns k = new Columns(header.cells());
        List<PlanLayout.Row> rows = new ArrayList<>();
        StringBuilder[] cur = null;
        int curLine = 0;
        int pos = -1;
        for (int i = header.last() + 1; i < lines.length; i++) {
            String s = cellText(lines[i]);
            Header next = s.isEmpty() ? null : headerRun(lines, i);
            if (next != null && next.cells().equals(header.cells())) {
                i = next.last(); // the header repeated after a page break
                continue;
            }
            if (next != null) {
                if (cur != null && !titleOnly(cur, k)) {
                    rows.add(row(curLine, cur));
                }
                cur = null;
                pos = -1;
                rows.add(new PlanLayout.Row(next.first() + 1, next.cells(), true));
                header = next;
                k = new Columns(next.cells());
                i = next.last();
                continue;
            }
            boolean number = ROW_NUMBER.matcher(s).matches();
            if (s.isEmpty() || ONLY_PIPES.matcher(s).matches() || (!number && isPageFurniture(s))
                    || k.isHeaderCell(s) || ATTACHMENT.matcher(s).matches()) {
                continue; // blank, a cell border, a page number, a header cell, 附件2
            }
            Numbering.Match m = Numbering.of(s);
            int col;
            if (number) {
                col = k.number;
                if (col < 0) {
                    if (cur != null) {
                        rows.add(row(curLine, cur));
                    }
                    cur = null;
                    pos = -1;
                    continue;
                }
            } else if (PLACEHOLDER.matcher(s).matches() && pos >= 0 && pos + 1 < k.width) {
                col = pos + 1;
            } else if (m != null && m.level() == Numbering.Level.SECTION) {
                col = k.section;
            } else if (m != null && m.level() == Numbering.Level.WORK_ITEM) {
                col = k.workItem;
            } else if (unitLike(s) && k.nextUnits(pos) >= 0) {
                col = k.nextUnits(pos);
            } else if (k.deadline > pos && deadlineLike(s)) {
                col = k.deadline;
            } else if (m == null && pos >= k.task && pos + 1 < k.width && cur != null && !cur[k.task].isEmpty()
                    && (spaced || lastOfRow(lines, i, k))) {
                col = pos + 1; // the cell after the task's: its units, written as a sentence
            } else {
                col = k.task;
            }
            if (col < 0) {
                if (cur != null) {
                    rows.add(row(curLine, cur));
                    cur = null;
                }
                rows.add(new PlanLayout.Row(i + 1, List.of(s))); // a heading spanning the table
                pos = -1;
                continue;
            }
            if (cur != null && col == pos && col == k.task && m == null) {
                cur[col].append(s); // a wrapped line of the task
                continue;
            }
            if (cur == null || col <= pos) {
                if (cur != null) {
                    rows.add(row(curLine, cur));
                }
                cur = new StringBuilder[k.width];
                for (int c = 0; c < k.width; c++) {
                    cur[c] = new StringBuilder();
                }
                curLine = i + 1;
            }
            cur[col].setLength(0);
            cur[col].append(s);
            pos = col;
        }
        if (cur != null) {
            rows.add(row(curLine, cur));
        }
        return new PlanLayout(notice(lines, first.first()), new PlanLayout.Row(first.first() + 1, first.cells()), rows);
    }

    private static PlanLayout.Row row(int line, StringBuilder[] cells) {
        return new PlanLayout.Row(line, Arrays.stream(cells).map(StringBuilder::toString).toList());
    }

    /**
     * Whether the line after line {@code i} starts the next row (a number, 一、/（一）/1., the end),
     * so that a sentence after a task's text is the row's last cell rather than a wrapped line.
     */
    private static boolean lastOfRow(String[] lines, int i, Columns k) {
        for (int j = i + 1; j < lines.length; j++) {
            String s = cellText(lines[j]);
            if (s.isEmpty() || ONLY_PIPES.matcher(s).matches() || isPageFurniture(s) && !ROW_NUMBER.matcher(s).matches()) {
                continue;
            }
            return ROW_NUMBER.matcher(s).matches() || Numbering.of(s) != null;
        }
        return true;
    }

    /** A row holding only a short text without units: the title line of the next table, not a task. */
    private static boolean titleOnly(StringBuilder[] cur, Columns k) {
        for (int c = 0; c < cur.length; c++) {
            if (c != k.task && c != k.number && !cur[c].isEmpty()) {
                return false;
            }
        }
        return cur[k.task].length() <= 40 && cur[k.task].indexOf("。") < 0;
    }

    /** Whether most non-blank lines from {@code from} on are followed by a blank line. */
    private static boolean blankSeparated(String[] lines, int from) {
        int filled = 0;
        int spaced = 0;
        for (int i = from; i < lines.length; i++) {
            if (!cellText(lines[i]).isEmpty() && !ONLY_PIPES.matcher(lines[i]).matches()) {
                filled++;
                spaced += i + 1 < lines.length && (lines[i + 1].isBlank() || ONLY_PIPES.matcher(lines[i + 1]).matches()) ? 1 : 0;
            }
        }
        return filled > 0 && spaced * 10 >= filled * 8;
    }

    /** The columns of a one-cell-a-line table, by the roles their header names. */
    private static final class Columns {
        final List<String> header;
        final List<Role> roles;
        final int width;
        final int task;
        final int section;
        final int workItem;
        final int number;
        final int deadline;

        Columns(List<String> header) {
            this.header = header.stream().map(h -> h.replaceAll("\\s", "")).toList();
            this.roles = header.stream().map(TextLayouts::role).toList();
            this.width = header.size();
            List<Integer> text = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                if (roles.get(c) == Role.TEXT) {
                    text.add(c);
                }
            }
            task = text.isEmpty() ? 0 : text.get(text.size() - 1);
            section = text.size() >= 3 ? text.get(0) : -1;
            workItem = text.size() >= 3 ? text.get(1) : text.size() == 2 ? text.get(0) : -1;
            number = roles.indexOf(Role.NUMBER);
            deadline = roles.indexOf(Role.DEADLINE);
        }

        boolean isHeaderCell(String s) {
            return header.contains(s.replaceAll("\\s", ""));
        }

        int nextUnits(int pos) {
            for (int c = pos + 1; c < width; c++) {
                if (roles.get(c) == Role.UNITS) {
                    return c;
                }
            }
            return -1;
        }
    }

    /**
     * Whether a line reads as a unit phrase: no full stop, and its parts (split at 、，; with the
     * role words 牵头/负责/配合… and brackets taken off) mostly end like unit names — the first one
     * always — so a phrase cut off at the end of a fragment ("市财政局、人民银") still counts.
     */
    static boolean unitLike(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 150 || t.contains("。") || Numbering.of(t) != null) {
            return false;
        }
        t = BRACKETED.matcher(t).replaceAll("");
        String[] parts = PARTS.split(t);
        int good = 0;
        int all = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            String before;
            do {
                before = p;
                p = ROLE_WORDS.matcher(p).replaceAll("");
                p = UNIT_LABEL.matcher(p).replaceFirst("");
            } while (!p.equals(before));
            if (p.isEmpty()) {
                continue;
            }
            all++;
            boolean unit = p.length() <= 25 && UNIT_END.matcher(p).matches();
            if (all == 1 && !unit) {
                return false;
            }
            good += unit ? 1 : 0;
        }
        return all > 0 && good * 2 >= all;
    }

    static boolean deadlineLike(String s) {
        String t = s.strip();
        return t.length() <= 30 && !t.contains("。") && DEADLINE.matcher(t).matches();
    }
}
