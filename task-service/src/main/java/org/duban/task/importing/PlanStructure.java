package org.duban.task.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link ParsedPlan} from a {@link PlanLayout}: metadata from the notice, and the sections,
 * work items and tasks from the table rows, whatever its columns. Pure logic.
 */
final class PlanStructure {

    enum Column { WORK_ITEM, TASK, UNITS, DEADLINE, REMARK, IGNORED }

    private static final Pattern DOC_NUMBER = Pattern.compile(
            "([\\p{IsHan}]{1,12})\\s*[〔\\[［(（]\\s*(\\d{4})\\s*[〕\\]］)）]\\s*(\\d{1,4})\\s*号");
    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日$");
    private static final Pattern CN_DATE = Pattern.compile("^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年");
    private static final Pattern BOOK_TITLE = Pattern.compile("《([^》]+)》");
    private static final Pattern REMARK = Pattern.compile("[（(]\\s*(见附件[^）)]*|详见[^）)]*|另行通知[^）)]*)[）)]");

    private PlanStructure() {
    }

    /** Which role each header cell plays; null if the cells do not look like a task table's header. */
    static List<Column> columns(List<String> header) {
        List<Column> cols = new ArrayList<>();
        boolean units = false;
        boolean task = false;
        for (String raw : header) {
            String h = raw.replaceAll("\\s", "");
            Column c;
            if (h.contains("单位") || h.contains("部门")) {
                c = Column.UNITS;
                units = true;
            } else if (h.matches(".*(具体任务|具体要求|任务内容|工作内容|工作措施|主要任务|具体措施|任务要求).*")) {
                c = Column.TASK;
                task = true;
            } else if (h.matches(".*(工作事项|工作任务|工作要点|重点任务|任务|事项).*")) {
                c = Column.WORK_ITEM;
            } else if (h.matches(".*(时限|时间|期限).*")) {
                c = Column.DEADLINE;
            } else if (h.contains("备注")) {
                c = Column.REMARK;
            } else {
                c = Column.IGNORED;
            }
            cols.add(c);
        }
        if (!task) {
            // a 2-column table (工作任务 | 责任单位): the work-item-like column holds the tasks
            int i = cols.indexOf(Column.WORK_ITEM);
            if (i >= 0) {
                cols.set(i, Column.TASK);
                task = true;
            }
        }
        return units && task ? cols : null;
    }

    static ParsedPlan build(PlanLayout layout) {
        List<ParsedPlan.Problem> problems = new ArrayList<>();
        ParsedPlan.Metadata metadata = metadata(layout.notice());
        List<Column> cols = layout.header() == null ? null : columns(layout.header().cells());
        if (cols == null) {
            problems.add(new ParsedPlan.Problem(1, ParsedPlan.Problem.Kind.NO_TASK_TABLE,
                    "No task table found: expected a header row naming the task column (工作任务/具体任务/具体要求) "
                            + "and the unit column (责任单位/牵头及责任单位)"));
            return new ParsedPlan(metadata, List.of(), problems);
        }
        Builder b = new Builder(problems);
        for (PlanLayout.Row row : layout.rows()) {
            if (row.isBlank() || sameAs(row, layout.header())) {
                continue; // a blank row, or the header repeated on a new page
            }
            b.row(row, cols);
        }
        if (b.taskCount == 0) {
            problems.add(new ParsedPlan.Problem(layout.header().line(), ParsedPlan.Problem.Kind.NO_TASK_TABLE,
                    "The task table has no task rows"));
        }
        return new ParsedPlan(metadata, b.sections(), problems);
    }

    private static boolean sameAs(PlanLayout.Row row, PlanLayout.Row header) {
        return row.cells().stream().map(String::strip).toList().equals(header.cells().stream().map(String::strip).toList());
    }

    /** Accumulates sections, work items and tasks row by row. */
    private static final class Builder {
        private final List<ParsedPlan.Problem> problems;
        private final List<MutableSection> sections = new ArrayList<>();
        private MutableSection section;
        private MutableWorkItem workItem;
        int taskCount;

        Builder(List<ParsedPlan.Problem> problems) {
            this.problems = problems;
        }

        void row(PlanLayout.Row row, List<Column> cols) {
            List<String> cells = row.cells().stream().map(PlanStructure::clean).toList();
            List<String> filled = cells.stream().filter(c -> !c.isEmpty()).toList();
            if (filled.size() == 1) {
                Numbering.Match n = Numbering.of(filled.get(0));
                if (n != null && n.level() == Numbering.Level.SECTION) {
                    section(n, row.line());
                    return;
                }
                if (n != null && n.level() == Numbering.Level.WORK_ITEM && !cols.contains(Column.WORK_ITEM)) {
                    workItem(n.number(), n.label(), n.rest(), row.line());
                    return;
                }
            }
            // align a short row to the right: the cells that are missing are the leading ones
            List<String> aligned = new ArrayList<>(cells);
            while (aligned.size() < cols.size()) {
                aligned.add(0, "");
            }
            String item = cell(aligned, cols, Column.WORK_ITEM);
            String text = cell(aligned, cols, Column.TASK);
            String units = cell(aligned, cols, Column.UNITS);
            String deadline = cell(aligned, cols, Column.DEADLINE);
            String remark = cell(aligned, cols, Column.REMARK);
            if (!item.isEmpty()) {
                Numbering.Match n = Numbering.of(item);
                if (n != null && n.level() == Numbering.Level.SECTION) {
                    section(n, row.line());
                } else if (n != null && n.level() == Numbering.Level.WORK_ITEM) {
                    workItem(n.number(), n.label(), n.rest(), row.line());
                } else {
                    workItem(-1, null, item, row.line());
                }
            }
            if (text.isEmpty() && units.isEmpty()) {
                return; // a work item row without a task of its own
            }
            if (text.isEmpty()) {
                problems.add(new ParsedPlan.Problem(row.line(), ParsedPlan.Problem.Kind.UNPLACED_ROW,
                        "A row names units (" + units + ") but no task"));
                return;
            }
            task(text, units, deadline, remark, row.line());
        }

        private void section(Numbering.Match n, int line) {
            int expected = sections.size() + 1;
            if (n.number() != expected) {
                problems.add(new ParsedPlan.Problem(line, ParsedPlan.Problem.Kind.BROKEN_NUMBERING,
                        "Section " + n.label() + "、 where number " + expected + " was expected"));
            }
            section = new MutableSection(expected, n.label(), n.rest(), line);
            sections.add(section);
            workItem = null;
        }

        private void workItem(int number, String label, String title, int line) {
            if (section == null) {
                section = new MutableSection(1, null, null, line);
                sections.add(section);
            }
            int expected = section.workItems.size() + 1;
            if (number >= 0 && number != expected) {
                problems.add(new ParsedPlan.Problem(line, ParsedPlan.Problem.Kind.BROKEN_NUMBERING,
                        "Work item （" + label + "） where number " + expected + " was expected in section " + section.ordinal));
            }
            workItem = new MutableWorkItem(expected, label, title, line);
            section.workItems.add(workItem);
        }

        private void task(String text, String units, String deadline, String remark, int line) {
            if (section == null && !sections.isEmpty()) {
                problems.add(new ParsedPlan.Problem(line, ParsedPlan.Problem.Kind.UNPLACED_ROW, "A task before any section"));
                return;
            }
            if (workItem == null) {
                workItem(-1, null, null, line); // tasks directly under a section
            }
            List<String> remarks = new ArrayList<>();
            if (!remark.isEmpty()) {
                remarks.add(remark);
            }
            text = takeRemarks(text, remarks);
            units = takeRemarks(units, remarks);
            if (units.isEmpty()) {
                problems.add(new ParsedPlan.Problem(line, ParsedPlan.Problem.Kind.TASK_WITHOUT_UNITS,
                        "The task has no responsible units: " + abbreviate(text)));
            }
            workItem.tasks.add(new ParsedPlan.Task(workItem.tasks.size() + 1, text, units.isEmpty() ? null : units,
                    deadline.isEmpty() ? null : deadline, remarks.isEmpty() ? null : String.join("；", remarks), line));
            taskCount++;
        }

        List<ParsedPlan.Section> sections() {
            return sections.stream().map(s -> new ParsedPlan.Section(s.ordinal, s.numbering, s.title, s.line,
                    s.workItems.stream().map(w -> new ParsedPlan.WorkItem(w.ordinal, w.numbering, w.title, w.line,
                            List.copyOf(w.tasks))).toList())).toList();
        }
    }

    private static final class MutableSection {
        final int ordinal;
        final String numbering;
        final String title;
        final int line;
        final List<MutableWorkItem> workItems = new ArrayList<>();

        MutableSection(int ordinal, String numbering, String title, int line) {
            this.ordinal = ordinal;
            this.numbering = numbering;
            this.title = title;
            this.line = line;
        }
    }

    private static final class MutableWorkItem {
        final int ordinal;
        final String numbering;
        final String title;
        final int line;
        final List<ParsedPlan.Task> tasks = new ArrayList<>();

        MutableWorkItem(int ordinal, String numbering, String title, int line) {
            this.ordinal = ordinal;
            this.numbering = numbering;
            this.title = title;
            this.line = line;
        }
    }

    private static String cell(List<String> cells, List<Column> cols, Column c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cols.size() && i < cells.size(); i++) {
            if (cols.get(i) == c && !cells.get(i).isEmpty()) {
                if (!b.isEmpty()) {
                    b.append(' ');
                }
                b.append(cells.get(i));
            }
        }
        // cells beyond the header's width belong to the last column
        if (c == cols.get(cols.size() - 1)) {
            for (int i = cols.size(); i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    b.append(b.isEmpty() ? "" : " ").append(cells.get(i));
                }
            }
        }
        return b.toString();
    }

    private static String takeRemarks(String s, List<String> remarks) {
        Matcher m = REMARK.matcher(s);
        while (m.find()) {
            remarks.add(m.group(1).strip());
        }
        return m.replaceAll("").strip();
    }

    /** Strips ASCII and full-width spaces and folds runs of white space. */
    static String clean(String s) {
        return s.replace('\u3000', ' ').replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }

    static ParsedPlan.Metadata metadata(List<PlanLayout.Line> notice) {
        List<String> lines = notice.stream().map(l -> clean(l.text())).filter(s -> !s.isEmpty()).toList();
        String docNumber = null;
        Set<String> otherNumbers = new LinkedHashSet<>();
        for (String l : lines) {
            Matcher m = DOC_NUMBER.matcher(l);
            while (m.find()) {
                String n = m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号";
                if (docNumber == null && l.strip().length() <= m.group().length() + 4) {
                    docNumber = n; // the number standing alone near the top is the document's own
                } else if (!n.equals(docNumber)) {
                    otherNumbers.add(n);
                }
            }
        }
        // the notice title: from the line with 关于 to the line that ends with 通知 (it may wrap)
        String noticeTitle = null;
        int titleEnd = -1;
        for (int i = 0; i < lines.size() && noticeTitle == null; i++) {
            if (lines.get(i).contains("关于") && !lines.get(i).endsWith("：") && !lines.get(i).endsWith(":")) {
                StringBuilder t = new StringBuilder(lines.get(i));
                int j = i;
                while (!endsLikeTitle(t) && j + 1 < lines.size() && j - i < 3
                        && !lines.get(j + 1).endsWith("：") && !lines.get(j + 1).endsWith(":")) {
                    t.append(lines.get(++j));
                }
                if (endsLikeTitle(t)) {
                    noticeTitle = t.toString();
                    titleEnd = j;
                }
            }
        }
        String issuer = noticeTitle != null && noticeTitle.indexOf("关于") > 0
                ? noticeTitle.substring(0, noticeTitle.indexOf("关于")) : null;
        List<String> addressees = new ArrayList<>();
        for (int i = Math.max(0, titleEnd + 1); i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.endsWith("：") || l.endsWith(":")) {
                for (String a : l.substring(0, l.length() - 1).split("[，、,；;]")) {
                    if (!a.isBlank()) {
                        addressees.add(a.strip());
                    }
                }
                break;
            }
        }
        LocalDate issueDate = null;
        int dateIndex = -1;
        for (int i = 0; i < lines.size(); i++) {
            LocalDate d = date(lines.get(i));
            if (d != null) {
                issueDate = d;
                dateIndex = i;
            }
        }
        if (issuer == null && dateIndex > 0) {
            issuer = lines.get(dateIndex - 1);
        }
        // the plan's own title: the line after the date (above the table), else 《…方案》 in the text
        String title = null;
        if (dateIndex >= 0 && dateIndex + 1 < lines.size()) {
            title = lines.get(lines.size() - 1);
        }
        if (title == null || title.length() > 60) {
            for (String l : lines) {
                Matcher m = BOOK_TITLE.matcher(l);
                while (m.find() && title == null) {
                    if (m.group(1).matches(".*(方案|分工|清单|安排|要点)$") && !m.group(1).contains("通知")) {
                        title = m.group(1);
                    }
                }
            }
        }
        Integer year = null;
        for (String s : new String[] {title, noticeTitle, docNumber}) {
            if (year == null && s != null) {
                Matcher m = YEAR.matcher(s.replace("〔", "").replace("〕", "年"));
                if (m.find()) {
                    year = Integer.parseInt(m.group(1));
                }
            }
        }
        return new ParsedPlan.Metadata(docNumber, noticeTitle, title, issuer, issueDate, year,
                List.copyOf(otherNumbers), List.copyOf(addressees));
    }

    private static boolean endsLikeTitle(CharSequence t) {
        String s = t.toString();
        return s.endsWith("通知") || s.endsWith("意见") || s.endsWith("方案") || s.endsWith("函");
    }

    static LocalDate date(String line) {
        String l = line.replace(" ", "");
        Matcher m = DATE.matcher(l);
        if (m.matches()) {
            return safeDate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = CN_DATE.matcher(l);
        if (m.matches()) {
            String digits = "〇一二三四五六七八九";
            StringBuilder y = new StringBuilder();
            for (char c : m.group(1).replace('零', '〇').toCharArray()) {
                y.append(digits.indexOf(c));
            }
            return safeDate(Integer.parseInt(y.toString()), Numbering.chineseNumber(m.group(2)),
                    Numbering.chineseNumber(m.group(3)));
        }
        return null;
    }

    private static LocalDate safeDate(int y, int m, int d) {
        try {
            return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
