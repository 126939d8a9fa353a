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

    /**
     * SECTION: 目标 (its cells are section titles); WORK_ITEM: 工作事项/工作任务/重点工作/任务; TASK: 具体任务/具体要求/
     * 主要内容/工作措施; LEAD: a 牵头单位 column of its own; UNITS: 责任单位/牵头及责任单位/配合单位/参与单位.
     */
    enum Column { SECTION, WORK_ITEM, TASK, LEAD, UNITS, DEADLINE, REMARK, IGNORED }

    private static final Pattern DOC_NUMBER = Pattern.compile(
            "([\\p{IsHan}]{1,12})\\s*[〔\\[［(（﹝【]\\s*(\\d{4})\\s*[〕\\]］)）﹞】]\\s*(\\d{1,4})\\s*号");
    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日$");
    private static final Pattern CN_DATE = Pattern.compile("^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$");
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern BOOK_TITLE = Pattern.compile("《([^》]+)》");
    private static final Pattern REMARK = Pattern.compile("[（(]\\s*(见附件[^）)]*|详见[^）)]*|另行通知[^）)]*)[）)]");
    /** A plan's own title ends like this. */
    private static final Pattern PLAN_TITLE = Pattern.compile(".*(方案|分工|清单|要点|安排|计划|台账|任务表|分解表|责任表|若干措施|实施意见)$");
    private static final String SEAT = "人民政府|政府|管委会|管理委员会|\\d";
    /** The place a plan is of, at the start of its issuer or title: 山东省潍坊市…, 珠海市…, 钢城区… */
    private static final Pattern PLACE = Pattern.compile(
            "^(?:\\d{4}年)?(?:\\p{IsHan}{2,3}省)?(\\p{IsHan}{2,4}?市(?:\\p{IsHan}{2,3}?[区县](?=" + SEAT + "))?|\\p{IsHan}{2,5}?[区县](?=" + SEAT + "))");
    /** Labelled fields of a government web page's information box (发文字号：…). */
    private static final Pattern LABELLED = Pattern.compile(
            "(发\\s?文\\s?字\\s?号|文\\s{0,4}号|发\\s?文\\s?机\\s?关|发\\s?布\\s?机\\s?构|成\\s?文\\s?日\\s?期|发\\s?文\\s?日\\s?期)"
                    + "\\s*[\\]】]?\\s*[:：]?\\s*([^\\s:：\\[【]+)");
    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$");
    /**
     * Web-page and page furniture: never metadata, never addressees (分享, 来源/作者/发布时间/浏览次数, 打印/字体,
     * banners and breadcrumbs, phone and address lines, copyright footers).
     */
    private static final Pattern ROW_NUMBER_ONLY = Pattern.compile("\\d{1,3}[.、．]?");

    static final Pattern FURNITURE = Pattern.compile(
            "^[【\\[]?\\s*(分享|分享到|来源|信息来源|作者|发布时间|发布日期|更新时间|浏览次数|访问次数|阅读次数|点击数|点击次数|"
                    + "字体|字号|打印|关闭|保存|收藏|当前位置|您当前的位置|您的位置|位置|首页|返回|上一篇|下一篇|扫一扫|"
                    + "联系电话|电话|传真|邮编|邮箱|地址|网站标识码|主办单位|承办单位|技术支持|版权所有|网站地图|联系我们|索引号|"
                    + "主题分类|有效性|文档编号|上传时间|格式|页数|大小)\\s*[:：】\\]|].*"
                    + "|.*(浏览次数|访问次数|阅读次数|点击数)\\s*[:：].*"
                    + "|.*[>＞›»]\\s*\\p{IsHan}{2,8}\\s*[>＞›»].*"
                    + "|.*ICP备.*|.*公网安备.*|.*Copyright.*|.*©.*"
                    + "|^[【\\[]?\\s*(打印本页|打印|关闭窗口|关闭|字体[:：]?\\s*大\\s*中\\s*小|大\\s*中\\s*小|分享到?|返回顶部|"
                    + "扫一扫在手机打开当前页|收藏本页|保存本页)\\s*[】\\]]?(\\s*[【\\[]?\\s*(打印本页|打印|关闭窗口|关闭|收藏|保存|返回顶部)\\s*[】\\]]?)*$");

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
            if (h.matches("序号|编号|序|项次|No\\.?")) {
                c = Column.IGNORED;
            } else if (h.contains("单位") || h.contains("部门")) {
                c = Column.UNITS; // a 牵头单位 column beside another unit column is the LEAD's: see below
                units = true;
            } else if (h.matches(".*(具体任务|具体要求|具体工作要求|任务内容|工作内容|工作措施|主要任务|具体措施|任务要求|主要内容|具体内容|举措|主要措施).*")) {
                c = Column.TASK;
                task = true;
            } else if (h.matches(".*目标") && !h.contains("任务")) {
                c = Column.SECTION; // 目标 | 任务 | 主要内容: the goals are the sections (else, alone, the tasks: see below)
            } else if (h.matches(".*(工作事项|工作任务|工作要点|重点任务|重点工作|任务|事项).*")) {
                c = Column.WORK_ITEM;
            } else if (h.matches(".*(时限|时间|期限|节点|进度).*")) {
                c = Column.DEADLINE;
            } else if (h.contains("备注")) {
                c = Column.REMARK;
            } else {
                c = Column.IGNORED;
            }
            cols.add(c);
        }
        // separate lead and other unit columns (牵头单位 | 配合单位, 牵头责任单位 | 协同责任单位); 牵头及责任单位 and
        // 牵头单位/责任单位 are one column naming both, and a 牵头单位 column alone is simply the unit column
        if (cols.stream().filter(c -> c == Column.UNITS).count() > 1) {
            for (int i = 0; i < cols.size(); i++) {
                String h = header.get(i).replaceAll("\\s", "");
                if (cols.get(i) == Column.UNITS && h.contains("牵头") && !h.matches(".*(及|和|与|/|、|或).*")) {
                    cols.set(i, Column.LEAD);
                }
            }
        }
        if (!task) {
            // a table without a detail column (工作任务 | 责任单位, 序号 | 2022年预期目标 | 责任单位): its last
            // work-item-like column, else its goal column, holds the tasks
            int i = cols.lastIndexOf(Column.WORK_ITEM);
            if (i < 0) {
                i = cols.lastIndexOf(Column.SECTION);
            }
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
            problems.add(new ParsedPlan.Problem(firstLine(layout), ParsedPlan.Problem.Kind.NO_TASK_TABLE,
                    "No task table found: expected a header row naming the task column (工作任务/具体任务/具体要求/主要内容) "
                            + "and the unit column (责任单位/牵头单位/牵头及责任单位), or numbered paragraphs ending in a unit "
                            + "parenthesis; seen: " + seen(layout, metadata)));
            yearProblem(metadata, layout, problems);
            return new ParsedPlan(metadata, List.of(), problems, cityLine(layout, metadata));
        }
        Builder b = new Builder(problems);
        PlanLayout.Row header = layout.header();
        for (PlanLayout.Row row : layout.rows()) {
            if (row.header()) {
                // a further table (附件2) under its own header: its rows are read by its columns
                List<Column> next = columns(row.cells());
                if (next != null) {
                    cols = next;
                    header = row;
                    continue;
                }
            }
            if (row.isBlank() || sameAs(row, header) || furniture(row)) {
                continue; // a blank row, the header repeated on a new page, web-page furniture after the table
            }
            b.row(row, cols);
        }
        b.truncation();
        if (b.taskCount == 0) {
            problems.add(new ParsedPlan.Problem(layout.header().line(), ParsedPlan.Problem.Kind.NO_TASK_TABLE,
                    "Header found on line " + layout.header().line() + " (" + String.join("|", layout.header().cells().stream()
                            .map(PlanStructure::clean).toList()) + ") but no row could be split into a task and its units ("
                            + layout.rows().size() + " row(s) after it); seen: " + seen(layout, metadata)));
        }
        yearProblem(metadata, layout, problems);
        return new ParsedPlan(metadata, b.sections(), problems, cityLine(layout, metadata));
    }

    /** The first notice line naming the plan's city (else the first line). */
    private static int cityLine(PlanLayout layout, ParsedPlan.Metadata m) {
        if (m.city() != null) {
            for (PlanLayout.Line l : layout.notice()) {
                if (l.text().replaceAll("\\s", "").contains(m.city())) {
                    return Math.max(1, l.number());
                }
            }
        }
        return firstLine(layout);
    }

    private static int firstLine(PlanLayout layout) {
        if (!layout.notice().isEmpty()) {
            return Math.max(1, layout.notice().get(0).number());
        }
        return layout.rows().isEmpty() ? 1 : Math.max(1, layout.rows().get(0).line());
    }

    /** What the importer did see, for a NO_TASK_TABLE problem: the metadata found and the size of the text. */
    private static String seen(PlanLayout layout, ParsedPlan.Metadata m) {
        List<String> parts = new ArrayList<>();
        parts.add(layout.notice().size() + " line(s) of notice");
        if (layout.header() == null) {
            // lines that name a unit column but were not taken as a header say what is missing
            layout.notice().stream().filter(l -> l.text().matches(".*(责任单位|牵头单位|责任部门).*") && l.text().length() <= 60)
                    .findFirst().ifPresent(l -> parts.add("a line naming units on line " + l.number() + " (" + clean(l.text())
                            + ") but no task column beside it"));
        }
        if (m.documentNumber() != null) {
            parts.add("document number " + m.documentNumber());
        }
        if (m.title() != null) {
            parts.add("title " + m.title());
        } else if (m.noticeTitle() != null) {
            parts.add("notice " + m.noticeTitle());
        }
        if (m.issuer() != null) {
            parts.add("issuer " + m.issuer());
        }
        if (m.issueDate() != null) {
            parts.add("issued " + m.issueDate());
        }
        return String.join("; ", parts);
    }

    private static void yearProblem(ParsedPlan.Metadata m, PlanLayout layout, List<ParsedPlan.Problem> problems) {
        if (m.year() == null) {
            problems.add(new ParsedPlan.Problem(firstLine(layout), ParsedPlan.Problem.Kind.YEAR_MISSING,
                    "Neither the title, the document number nor an issue date gives the plan's year: set plan.year "
                            + "(deadlines such as 年底前 are read against it)"));
        }
    }

    private static boolean sameAs(PlanLayout.Row row, PlanLayout.Row header) {
        return row.cells().stream().map(String::strip).toList().equals(header.cells().stream().map(String::strip).toList());
    }

    private static boolean furniture(PlanLayout.Row row) {
        List<String> filled = row.cells().stream().map(PlanStructure::clean).filter(c -> !c.isEmpty()).toList();
        // a task's own text may quote a site path ("政府网站>政府信息公开>…"): only a short, unnumbered line is furniture
        return filled.size() == 1 && filled.get(0).length() <= 80 && Numbering.of(filled.get(0)) == null
                && FURNITURE.matcher(filled.get(0)).matches();
    }

    /** The last name of a unit phrase ends like no unit name or marker does: the phrase was cut ("…、人民银"). */
    static boolean cutUnits(String phrase) {
        String[] parts = phrase.strip().split("[、，,；;：:\\s]+");
        String last = parts.length == 0 ? "" : parts[parts.length - 1];
        return last.length() < 2 || !UNIT_END.matcher(last).matches();
    }

    private static final Pattern UNIT_END = Pattern.compile(".*([局委办府室会行院所区县市镇乡道门位团司队部处站馆社厅组校台署关业级园口班员人方统构联盟军库场厂网庭狱]"
            + "|中心|机构|单位|部门|企业|平台|负责|落实|牵头|配合|实施|办理|参与|协助|推进|分工|职责|等|[)）】〕」\\]]|—+|-+)$");

    /** A cell that reads as a unit phrase rather than task text: short, no full stop, naming units. */
    static boolean looksLikeUnits(String s) {
        return !s.isEmpty() && s.length() <= 120 && !s.contains("。") && Numbering.of(s) == null && !cutUnits(s);
    }

    /** A cell that reads as a deadline phrase (2020年底前, 6月底, 长期坚持, 持续推进). */
    static boolean looksLikeDeadline(String s) {
        return !s.isEmpty() && s.length() <= 40 && !s.contains("。")
                && s.matches(".*(\\d{4}年|年底|年内|月底|月份|\\d+月|季度|上半年|下半年|长期|持续|常态|每年|每季|每月|前|完成|年度|全年).*");
    }

    /** Accumulates sections, work items and tasks row by row. */
    private static final class Builder {
        private final List<ParsedPlan.Problem> problems;
        private final List<MutableSection> sections = new ArrayList<>();
        private MutableSection section;
        private MutableWorkItem workItem;
        int taskCount;
        /** The last task added, if it was the last row read: a candidate for truncation. */
        private MutableWorkItem lastTaskItem;
        private ParsedPlan.Problem lastTaskProblem;
        private boolean lastRowWasTask;
        private PlanLayout.Row numberOnlyRow;
        /** The last row had fewer cells than the header and stopped at its task text. */
        private boolean lastRowShort;

        Builder(List<ParsedPlan.Problem> problems) {
            this.problems = problems;
        }

        void row(PlanLayout.Row row, List<Column> cols) {
            lastRowWasTask = false;
            numberOnlyRow = null;
            List<String> cells = row.cells().stream().map(PlanStructure::clean).toList();
            List<String> filled = cells.stream().filter(c -> !c.isEmpty()).toList();
            if (filled.size() == 1 && ROW_NUMBER_ONLY.matcher(filled.get(0)).matches()) {
                numberOnlyRow = row; // a 序号 cell and nothing else: at the end of a document, a row cut off
                return;
            }
            if (filled.size() == 1) {
                Numbering.Match n = Numbering.of(filled.get(0));
                if (n != null && n.level() == Numbering.Level.SECTION) {
                    section(n, row.line());
                    return;
                }
                if (n != null && n.level() == Numbering.Level.WORK_ITEM
                        && (cells.size() == 1 || !cols.contains(Column.WORK_ITEM))) {
                    workItem(n.number(), n.label(), n.rest(), row.line());
                    return;
                }
            }
            List<String> aligned = align(cells, cols);
            lastRowShort = cells.size() < cols.size() && aligned.size() > cells.size()
                    && aligned.get(aligned.size() - 1).isEmpty();
            String sectionCell = cell(aligned, cols, Column.SECTION);
            String item = cell(aligned, cols, Column.WORK_ITEM);
            String text = cell(aligned, cols, Column.TASK);
            String lead = cell(aligned, cols, Column.LEAD);
            String others = cell(aligned, cols, Column.UNITS);
            String deadline = cell(aligned, cols, Column.DEADLINE);
            String remark = cell(aligned, cols, Column.REMARK);
            String units = units(lead, others, cols);
            if (!sectionCell.isEmpty()) {
                Numbering.Match n = Numbering.of(sectionCell);
                if (n != null && n.level() == Numbering.Level.SECTION) {
                    section(n, row.line());
                } else {
                    section(null, sectionCell, row.line());
                }
            }
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
                return; // a heading row without a task of its own
            }
            if (text.isEmpty()) {
                problems.add(new ParsedPlan.Problem(row.line(), ParsedPlan.Problem.Kind.UNPLACED_ROW,
                        "A row names units (" + units + ") but no task"));
                return;
            }
            task(text, units, deadline, remark, row.line());
        }

        /**
         * A row with fewer cells than the header: the missing cells are the leading ones (a cell spanning rows
         * above, e.g. the work item), unless its last cell is task text — then the row stops at the task column
         * (its units cells are missing: a row cut off, or a task without units).
         */
        private static List<String> align(List<String> cells, List<Column> cols) {
            List<String> aligned = new ArrayList<>(cells);
            if (aligned.size() >= cols.size()) {
                return aligned;
            }
            int taskAt = cols.indexOf(Column.TASK);
            String last = cells.isEmpty() ? "" : cells.get(cells.size() - 1);
            boolean tailIsText = !last.isEmpty() && !looksLikeUnits(last) && !looksLikeDeadline(last)
                    && cols.subList(taskAt + 1, cols.size()).stream().anyMatch(c -> c == Column.UNITS || c == Column.LEAD);
            int end = tailIsText ? taskAt + 1 : cols.size();
            while (aligned.size() < end) {
                aligned.add(0, "");
            }
            while (aligned.size() < cols.size()) {
                aligned.add("");
            }
            return aligned;
        }

        /** One phrase for the units: separate 牵头单位 and 责任/配合单位 columns are composed as the registry reads them. */
        private static String units(String lead, String others, List<Column> cols) {
            if (!cols.contains(Column.LEAD)) {
                return others;
            }
            if (lead.isEmpty()) {
                return others.isEmpty() ? "" : "责任单位：" + others;
            }
            if (!cols.contains(Column.UNITS)) {
                return lead;
            }
            return others.isEmpty() ? "牵头单位：" + lead : "牵头单位：" + lead + "；责任单位：" + others;
        }

        /**
         * Whether the document was cut off in its last row, which then is not a task: (a) a task without units whose
         * text stops mid-sentence (its cells missing, or a long text without closing punctuation); (b) a task without
         * units at the end of a document whose every other task (three at least) has units: cut before them; (c) a
         * unit phrase that stops mid-name ("市金融办、人民银", "区"). A short task of its own with an empty units
         * cell ("年内完成平台建设 |") stays a task without units.
         */
        void truncation() {
            if (numberOnlyRow != null) {
                problems.add(new ParsedPlan.Problem(numberOnlyRow.line(), ParsedPlan.Problem.Kind.TRUNCATED_TASK,
                        "The last row has only its number (" + numberOnlyRow.cells().stream().map(PlanStructure::clean)
                                .filter(c -> !c.isEmpty()).findFirst().orElse("") + "): the document seems cut off there"));
                return;
            }
            if (!lastRowWasTask || lastTaskItem == null) {
                return;
            }
            ParsedPlan.Task t = lastTaskItem.tasks.get(lastTaskItem.tasks.size() - 1);
            String why;
            if (t.unitPhrase() == null) {
                boolean closed = t.text().matches("(?s).*[。；;！!？?）)」”\"…]$");
                if (!closed && (lastRowShort || t.text().length() >= 30)) {
                    why = "stops mid-sentence without units";
                } else if (taskCount >= 4 && problems.stream()
                        .filter(p -> p.kind() == ParsedPlan.Problem.Kind.TASK_WITHOUT_UNITS).count() == 1) {
                    why = "has no units while every other task has: the document stops before them";
                } else {
                    return;
                }
            } else if (cutUnits(t.unitPhrase())) {
                why = "ends in the middle of a unit name (" + t.unitPhrase().substring(Math.max(0, t.unitPhrase().length() - 10)) + ")";
            } else {
                return;
            }
            lastTaskItem.tasks.remove(lastTaskItem.tasks.size() - 1);
            taskCount--;
            if (lastTaskProblem != null) {
                problems.remove(lastTaskProblem);
            }
            problems.add(new ParsedPlan.Problem(t.line(), ParsedPlan.Problem.Kind.TRUNCATED_TASK,
                    "The last row " + why + " (the document seems cut off): \"" + abbreviate(t.text())
                            + "\" is not taken as a task"));
            if (lastTaskItem.tasks.isEmpty() && lastTaskItem.title == null) {
                sections.forEach(s -> s.workItems.remove(lastTaskItem));
            }
            sections.removeIf(s -> s.workItems.isEmpty() && s.line == t.line());
        }

        private void section(Numbering.Match n, int line) {
            int expected = sections.size() + 1;
            if (n.number() != expected) {
                problems.add(new ParsedPlan.Problem(line, ParsedPlan.Problem.Kind.BROKEN_NUMBERING,
                        "Section " + n.label() + "、 where number " + expected + " was expected"));
            }
            section(n.label(), n.rest(), line);
        }

        /** A section titled without numbering (a 目标 cell). */
        private void section(String label, String title, int line) {
            section = new MutableSection(sections.size() + 1, label, title, line);
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
            // the unit phrase stays verbatim ("市有关单位(见附件1,下同)"): the registry reads it whole
            lastTaskProblem = null;
            if (units.isEmpty()) {
                lastTaskProblem = new ParsedPlan.Problem(line, ParsedPlan.Problem.Kind.TASK_WITHOUT_UNITS,
                        "The task has no responsible units: " + abbreviate(text));
                problems.add(lastTaskProblem);
            }
            workItem.tasks.add(new ParsedPlan.Task(workItem.tasks.size() + 1, text, units.isEmpty() ? null : units,
                    deadline.isEmpty() ? null : deadline, remarks.isEmpty() ? null : String.join("；", remarks), line));
            taskCount++;
            lastTaskItem = workItem;
            lastRowWasTask = true;
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
        List<PlanLayout.Line> kept = new ArrayList<>();
        String labelledNumber = null;
        String labelledIssuer = null;
        LocalDate labelledDate = null;
        for (PlanLayout.Line l : notice) {
            String c = clean(l.text());
            // an information box's labels (发文字号：…, or "文 号 蔡政办〔2023〕1号" on a short line without a colon)
            Matcher lab = LABELLED.matcher(c);
            boolean labelled = false;
            while (c.length() <= 120 && lab.find()) {
                if (!lab.group().matches("(?s).*[:：].*") && c.length() > 80) {
                    continue;
                }
                labelled = true;
                String v = lab.group(2);
                String label = lab.group(1).replaceAll("\\s", "");
                switch (label) {
                    case "发文字号", "文号" -> labelledNumber = labelledNumber != null ? labelledNumber : v;
                    case "发文机关", "发布机构" -> labelledIssuer = labelledIssuer != null ? labelledIssuer : v;
                    default -> labelledDate = labelledDate != null ? labelledDate : labelDate(v);
                }
            }
            // the document number written before the notice title on one line: "鞍立政发〔2023〕2号立山区人民政府关于…"
            Matcher lead = DOC_NUMBER.matcher(c);
            if (lead.lookingAt() && c.length() > lead.end() + 4 && c.substring(lead.end()).contains("关于")) {
                labelledNumber = labelledNumber != null ? labelledNumber : lead.group();
                c = c.substring(lead.end()).strip();
            }
            // a banner in brackets before the title: "【市政府重点工作及责任分解】滁州市人民政府关于…"
            c = c.replaceFirst("^【[^】]{1,30}】(?=\\p{IsHan}.*关于)", "");
            if (!c.isEmpty() && !FURNITURE.matcher(c).matches() && !labelled) {
                kept.add(new PlanLayout.Line(l.number(), c));
            }
        }
        List<String> lines = kept.stream().map(PlanLayout.Line::text).toList();
        String docNumber = null;
        Set<String> otherNumbers = new LinkedHashSet<>();
        if (labelledNumber != null) {
            Matcher m = DOC_NUMBER.matcher(labelledNumber);
            if (m.find()) {
                docNumber = m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号";
            }
        }
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
            String li = lines.get(i);
            int about = li.indexOf("关于");
            int book = li.indexOf("《");
            if (about >= 0 && (book < 0 || about < book) && !li.endsWith("：") && !li.endsWith(":")) {
                // a number after the title, "…的实施意见(池政〔2017〕101号)", is the document's own
                Matcher tail = Pattern.compile("[(（]\\s*(" + DOC_NUMBER.pattern() + ")\\s*[)）]$").matcher(li);
                if (tail.find()) {
                    Matcher n = DOC_NUMBER.matcher(tail.group(1));
                    if (n.find() && docNumber == null) {
                        docNumber = n.group(1) + "〔" + n.group(2) + "〕" + n.group(3) + "号";
                        otherNumbers.remove(docNumber);
                    }
                    li = li.substring(0, tail.start()).strip();
                }
                StringBuilder t = new StringBuilder(li);
                int j = i;
                while (!endsLikeTitle(t) && j + 1 < lines.size() && j - i < 3
                        && !lines.get(j + 1).endsWith("：") && !lines.get(j + 1).endsWith(":")) {
                    t.append(lines.get(++j));
                }
                if (endsLikeTitle(t) && t.length() <= 150) {
                    noticeTitle = t.toString();
                    titleEnd = j;
                }
            }
        }
        String issuer = noticeTitle != null && noticeTitle.indexOf("关于") > 0
                ? noticeTitle.substring(0, noticeTitle.indexOf("关于")) : labelledIssuer;
        List<String> addressees = new ArrayList<>();
        for (int i = Math.max(0, titleEnd + 1); i < lines.size() && noticeTitle != null; i++) {
            String l = lines.get(i);
            if ((l.endsWith("：") || l.endsWith(":")) && l.length() <= 200) {
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
        if (issueDate == null) {
            issueDate = labelledDate;
        }
        if (issuer == null && dateIndex > 0 && lines.get(dateIndex - 1).length() <= 40) {
            issuer = lines.get(dateIndex - 1);
        }
        // the plan's own title: the last line (after the date, if any) that ends like a plan's title,
        // else 《…方案》 in the text
        String title = null;
        for (int i = Math.max(0, dateIndex + 1); i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.length() <= 80 && PLAN_TITLE.matcher(l).matches() && !l.contains("通知") && !l.contains("《")
                    && !l.contains("关于印发") && !l.endsWith("：") && Numbering.of(l) == null) {
                title = l;
                // a title wrapped over two lines: "立山区政府2023年重点工作" / "任务分解和责任分工方案"
                String before = i > dateIndex + 1 ? lines.get(i - 1) : "";
                if (!before.isEmpty() && before.length() <= 30 && l.length() <= 30 && Numbering.of(before) == null
                        && !PLAN_TITLE.matcher(before).matches()
                        && !before.matches(".*[。，,；;：:）)】」”\"].*|.*[0-9]日$|.*号$") && date(before) == null) {
                    title = before + l;
                }
            }
        }
        if (title == null) {
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
        if (year == null && issueDate != null) {
            year = issueDate.getYear(); // a plan without a year in its title is the issue year's
        }
        String city = null;
        for (String s : new String[] {issuer, title, noticeTitle}) {
            if (city == null && s != null) {
                city = place(s);
            }
        }
        return new ParsedPlan.Metadata(docNumber, noticeTitle, title, issuer, issueDate, year,
                List.copyOf(otherNumbers), List.copyOf(addressees), city);
    }

    private static LocalDate labelDate(String v) {
        Matcher iso = ISO_DATE.matcher(v);
        if (iso.matches()) {
            return safeDate(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
        }
        return date(v.replaceAll("年0", "年").replaceAll("月0", "月"));
    }

    /** The place at the start of an issuer or title ("潍坊市人民政府办公室" → 潍坊市), or null. */
    static String place(String s) {
        Matcher m = PLACE.matcher(s.replaceAll("\\s", ""));
        return m.find() ? m.group(1) : null;
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
