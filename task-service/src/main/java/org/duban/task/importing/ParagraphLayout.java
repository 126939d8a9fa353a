package org.duban.task.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most common layout of a 分工方案: no table, numbered paragraphs each ending in a unit
 * parenthesis — "1. 加快……。（市发展改革局牵头，各区政府按职责分工负责）" or
 * "（牵头单位：…；责任单位：…；完成时限：…）" — or followed by labelled lines ("牵头单位：X",
 * "责任单位：Y", "时限要求：持续推进"). It is turned into a {@link PlanLayout} with a synthetic
 * header (工作事项 | 具体任务 | 责任单位 | 完成时限): 一、 paragraphs become one-cell section rows,
 * （一） headings (and a "1.深化…。" title that sub-tasks (1)(2) follow) work-item rows, and every
 * paragraph that carries units a task row ["", text, units, deadline] — also when numbered （一）,
 * because then the number is the task's own. Labelled lead and other units are composed as
 * "牵头单位：X；责任单位：Y", as for a table with separate columns. A paragraph without units is a
 * task row without units; after the last task only numbered paragraphs are kept (a task cut off at
 * the end of a fragment), not the page's trailing furniture.
 */
final class ParagraphLayout {

    /** The header the paragraphs are read with; each name is unambiguous in the column vocabulary. */
    static final List<String> HEADER = List.of("工作事项", "具体任务", "责任单位", "完成时限");

    private static final String OPENING = "（(〔[【";
    private static final String CLOSING = "）)〕]】";
    private static final Pattern TRAILING = Pattern.compile("[。；;，,.、\\s]+$");
    private static final Pattern UNIT_WORD = Pattern.compile(
            ".*(牵头|负责|配合|单位|部门|局|委|办|政府|管委会|中心|街道|镇|落实).*", Pattern.DOTALL);
    private static final Pattern NOT_UNITS = Pattern.compile("^(见附件|详见|附件|以下简称|简称|含|包括|即|如|其中|注|公开路径).*", Pattern.DOTALL);
    private static final Pattern DEADLINE_PART = Pattern.compile(
            "^(.*?)[；;，,。\\s]*(完成时限|完成时间|时间节点|时限要求|完成期限|时限)\\s*[：:]\\s*(.+?)[；;，,。\\s]*$", Pattern.DOTALL);
    /** The characters that close a sentence, so a paragraph ending in one is over. */
    private static final String CLOSERS = "。！？；;：:）)〕】」”";
    private static final Pattern LABEL = Pattern.compile(
            "^(牵头责任单位|牵头单位|牵头部门|协同责任单位|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位"
                    + "|牵头负责领导|牵头领导|责任领导|分管领导|时限要求|完成时限|完成时间|时间节点|完成期限)\\s*[：:]\\s*(.*)$",
            Pattern.DOTALL);
    private static final Pattern INLINE_LABELS = Pattern.compile(
            "(?<=[。；;])\\s*(?=(牵头责任单位|牵头单位|牵头部门|责任单位|责任部门)\\s*[：:])");
    private static final List<String> LEADS = List.of("牵头责任单位", "牵头单位", "牵头部门");
    private static final List<String> DEADLINES = List.of("时限要求", "完成时限", "完成时间", "时间节点", "完成期限");
    /** Sub-tasks (1)(2) after a title sentence on the same line: "1.深化商事制度改革。(1)全面落实…". */
    private static final Pattern SUB_START = Pattern.compile("[。；;：:]\\s*(?=[（(]\\s*[1１]\\s*[)）])");
    private static final Pattern NEXT_NUMBER = Pattern.compile("\\s*([（(]\\s*[0-9０-９]{1,2}\\s*[)）]|[0-9０-９]{1,2}\\s*[.．、](?![0-9０-９]))");

    private record Paragraph(int line, String text) {
    }

    /** A paragraph and the labelled lines that follow it. */
    private static final class Entry {
        final int line;
        String text;
        final List<String[]> labels = new ArrayList<>();

        Entry(Paragraph p) {
            line = p.line();
            text = p.text();
        }

        String label(List<String> names) {
            List<String> values = new ArrayList<>();
            for (String[] l : labels) {
                if (names.contains(l[0]) && !l[1].isEmpty()) {
                    values.add(l[1]);
                }
            }
            return String.join("，", values);
        }

        /** The units of the labelled lines: "牵头单位：X；责任单位：Y", or Y alone. */
        String labelledUnits() {
            String lead = label(LEADS);
            String others = label(List.of("协同责任单位", "责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "参与单位"));
            if (lead.isEmpty()) {
                return others;
            }
            return others.isEmpty() ? "牵头单位：" + lead : "牵头单位：" + lead + "；责任单位：" + others;
        }

        boolean hasUnits() {
            return !labelledUnits().isEmpty() || tasks(text).stream().anyMatch(s -> !s.units().isEmpty());
        }
    }

    /** A paragraph's task: text without the unit parenthesis, the units and the deadline it gives. */
    record Split(String text, String units, String deadline) {
    }

    private ParagraphLayout() {
    }

    /** The layout, or null when no paragraph carries units. */
    static PlanLayout layout(String[] lines) {
        List<Entry> entries = new ArrayList<>();
        for (Paragraph p : paragraphs(lines)) {
            Matcher l = LABEL.matcher(p.text());
            Entry previous = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            if (l.matches() && previous != null) {
                previous.labels.add(new String[] {l.group(1), TRAILING.matcher(l.group(2)).replaceAll("")});
            } else if (previous != null && continues(previous, p)) {
                previous.text += p.text(); // a task's sentences broken at a 。 that ends a line (a PDF, a narrow page)
            } else {
                entries.add(new Entry(p));
            }
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < entries.size(); k++) {
            if (entries.get(k).hasUnits()) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0) {
            return null;
        }
        // the body starts with the numbered headings right above the first task
        int start = first;
        while (start > 0 && Numbering.of(entries.get(start - 1).text) != null) {
            start--;
        }
        int bodyLine = entries.get(start).line;
        List<PlanLayout.Line> notice = new ArrayList<>();
        for (int i = 0; i < bodyLine - 1; i++) {
            if (!lines[i].isBlank() && !TextLayouts.isPageFurniture(lines[i])) {
                notice.add(new PlanLayout.Line(i + 1, lines[i].strip()));
            }
        }
        List<Entry> body = new ArrayList<>();
        for (int k = start; k < entries.size(); k++) {
            Entry e = entries.get(k);
            if (k > last && Numbering.of(e.text) == null) {
                if (k == entries.size() - 1 && partialLabel(e.text) && !body.isEmpty()) {
                    body.get(body.size() - 1).text += e.text; // "牵头责任" cut off: the task goes on
                }
                break; // past the last task: the page's furniture, signatures, 附件
            }
            body.add(e);
        }
        List<PlanLayout.Row> rows = new ArrayList<>();
        for (int k = 0; k < body.size(); k++) {
            Entry next = k + 1 < body.size() ? body.get(k + 1) : null;
            rows(body.get(k), next, rows);
        }
        return new PlanLayout(notice, new PlanLayout.Row(bodyLine, HEADER), rows);
    }

    /**
     * An unnumbered paragraph ending in a unit parenthesis right after a numbered task that has no units yet is
     * that task's next sentences: "4. 第24项：…纠正不当行为。" / "上级…全面依法履职。（市政府办公室）".
     */
    private static boolean continues(Entry previous, Paragraph p) {
        Numbering.Match n = Numbering.of(previous.text);
        return n != null && n.level() != Numbering.Level.SECTION && previous.labels.isEmpty()
                && Numbering.of(p.text()) == null && unitParenthesis(p.text()) != null && !previous.hasUnits();
    }

    private static boolean partialLabel(String text) {
        String t = text.strip();
        return t.length() >= 2 && Pattern.compile("^(牵头|责任|协同|配合|时限|完成)").matcher(t).find() && t.length() <= 8;
    }

    private static void rows(Entry e, Entry next, List<PlanLayout.Row> rows) {
        String text = e.text;
        Numbering.Match n = Numbering.of(text);
        if (n != null && n.level() == Numbering.Level.SECTION) {
            rows.add(new PlanLayout.Row(e.line, List.of(TRAILING.matcher(text).replaceAll(""))));
            return;
        }
        Matcher sub = SUB_START.matcher(text);
        if (n != null && sub.find() && sub.start() <= 60) {
            rows.add(new PlanLayout.Row(e.line, List.of(text.substring(0, sub.start()), "", "", "")));
            text = text.substring(sub.end());
            n = null;
        } else if (n != null && !e.hasUnits() && heading(n, text, next)) {
            rows.add(new PlanLayout.Row(e.line, List.of(TRAILING.matcher(text).replaceAll(""), "", "", "")));
            return;
        }
        List<Split> tasks = tasks(text);
        for (int k = 0; k < tasks.size(); k++) {
            Split s = tasks.get(k);
            String units = s.units();
            String deadline = s.deadline();
            if (k == tasks.size() - 1 && units.isEmpty()) {
                units = e.labelledUnits();
            }
            if (k == tasks.size() - 1 && deadline.isEmpty()) {
                deadline = e.label(DEADLINES);
            }
            rows.add(new PlanLayout.Row(e.line, List.of("", s.text(), units, deadline)));
        }
    }

    /** A unit-less （一） title that is short, or a "1." title that sub-tasks (1)(2) follow. */
    private static boolean heading(Numbering.Match n, String text, Entry next) {
        if (n.level() == Numbering.Level.WORK_ITEM) {
            return text.length() <= 40 && !TRAILING.matcher(text).replaceAll("").contains("。");
        }
        Numbering.Match m = next == null ? null : Numbering.of(next.text);
        return n.level() == Numbering.Level.ITEM && m != null && m.level() == Numbering.Level.SUB_ITEM;
    }

    /** A paragraph may hold several tasks, each closed by its unit parenthesis and a 。 or ； (or the next number). */
    static List<Split> tasks(String text) {
        List<Split> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts(text)) {
            out.add(split(text.substring(from, cut)));
            from = cut;
            while (from < text.length() && "。；; \t".indexOf(text.charAt(from)) >= 0) {
                from++;
            }
        }
        String rest = text.substring(Math.min(from, text.length()));
        if (!rest.isBlank() || out.isEmpty()) {
            out.add(split(rest));
        }
        return out;
    }

    /** Where each unit parenthesis that more tasks follow ends (one pass: a paragraph may be long). */
    private static List<Integer> cuts(String text) {
        List<Integer> cuts = new ArrayList<>();
        Matcher next = NEXT_NUMBER.matcher(text);
        int depth = 0;
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (OPENING.indexOf(c) >= 0) {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (CLOSING.indexOf(c) >= 0 && depth > 0 && --depth == 0 && i + 1 < text.length()) {
                int after = i + 1;
                boolean stop = "。；;".indexOf(text.charAt(after)) >= 0;
                int more = stop ? after + 1 : after;
                boolean goesOn = stop && text.length() - more >= 8 && !text.substring(more, Math.min(text.length(), more + 8)).isBlank()
                        || next.region(more, text.length()).lookingAt();
                if (goesOn && i - open <= 201 && unitContent(text.substring(open + 1, i))) {
                    cuts.add(i + 1);
                }
            }
        }
        return cuts;
    }

    /** A task's text, and the units and deadline of the parenthesis it ends with (empty when none). */
    static Split split(String text) {
        int[] at = unitParenthesis(text);
        if (at == null) {
            return inlineLabels(text);
        }
        return withDeadline(text.substring(0, at[0]).strip(), text.substring(at[0] + 1, at[1]).strip());
    }

    /** "…。牵头单位：X；责任单位：Y；完成时限：Z。" — the labels after the last sentence, without brackets. */
    private static Split inlineLabels(String text) {
        Matcher m = INLINE_LABELS.matcher(text);
        int depth = 0;
        int scanned = 0;
        while (m.find()) {
            for (; scanned < m.start(); scanned++) {
                char c = text.charAt(scanned);
                depth += OPENING.indexOf(c) >= 0 ? 1 : CLOSING.indexOf(c) >= 0 ? -1 : 0;
            }
            if (depth <= 0 && text.length() - m.end() <= 200) { // not inside a bracket cut off at the end
                String units = TRAILING.matcher(text.substring(m.end())).replaceAll("");
                return withDeadline(text.substring(0, m.end()).strip(), units);
            }
        }
        return new Split(text.strip(), "", "");
    }

    private static Split withDeadline(String text, String units) {
        String deadline = "";
        Matcher m = DEADLINE_PART.matcher(units);
        if (m.matches() && !m.group(1).isBlank()) {
            units = m.group(1).strip();
            deadline = m.group(3).strip();
        }
        return new Split(text, units, deadline);
    }

    /** The [opening, closing] index of the unit parenthesis ending {@code text}, or null. */
    static int[] unitParenthesis(String text) {
        String t = TRAILING.matcher(text).replaceAll("");
        if (t.isEmpty() || CLOSING.indexOf(t.charAt(t.length() - 1)) < 0) {
            return null;
        }
        int close = t.length() - 1;
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = t.charAt(i);
            if (CLOSING.indexOf(c) >= 0) {
                depth++;
            } else if (OPENING.indexOf(c) >= 0 && --depth == 0) {
                return i > 0 && unitContent(t.substring(i + 1, close)) ? new int[] {i, close} : null;
            }
        }
        return null;
    }

    /** A line that is only a unit parenthesis: "（市政府办公室，各区政府（管委会））。" */
    private static boolean unitsLine(String l) {
        String t = TRAILING.matcher(l).replaceAll("");
        if (t.length() < 4 || OPENING.indexOf(t.charAt(0)) < 0 || CLOSING.indexOf(t.charAt(t.length() - 1)) < 0
                || Numbering.of(t) != null) {
            return false;
        }
        int depth = 0;
        for (int i = t.length() - 1; i >= 0; i--) {
            char c = t.charAt(i);
            if (CLOSING.indexOf(c) >= 0) {
                depth++;
            } else if (OPENING.indexOf(c) >= 0 && --depth == 0) {
                return i == 0 && unitContent(t.substring(1, t.length() - 1));
            }
        }
        return false;
    }

    /** 一、总体要求 or （一）工作目标 standing on its own line, without punctuation to close it. */
    private static boolean heading(CharSequence b) {
        Numbering.Match n = Numbering.of(b.toString());
        return n != null && (n.level() == Numbering.Level.SECTION || n.level() == Numbering.Level.WORK_ITEM)
                && b.length() <= 40 && !b.toString().matches(".*[。；;].*");
    }

    private static boolean unitContent(String s) {
        String c = s.strip();
        return c.length() >= 2 && c.length() <= 200 && UNIT_WORD.matcher(c).matches() && !NOT_UNITS.matcher(c).matches();
    }

    /**
     * Lines joined into paragraphs: a paragraph starts at a numbered line, after a blank line, or
     * after a line that closes a sentence; any other line continues it (text wrapped by a PDF or a
     * narrow page).
     */
    private static List<Paragraph> paragraphs(String[] lines) {
        List<Paragraph> out = new ArrayList<>();
        StringBuilder b = null;
        int line = 0;
        boolean labelled = false;
        // a page number and the blank lines around it are not there: a sentence goes on over the page break
        boolean[] skip = new boolean[lines.length];
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && TextLayouts.isPageFurniture(lines[i])) {
                skip[i] = true;
                for (int j = i - 1; j >= 0 && lines[j].isBlank(); j--) {
                    skip[j] = true;
                }
                for (int j = i + 1; j < lines.length && lines[j].isBlank(); j++) {
                    skip[j] = true;
                }
            }
        }
        for (int i = 0; i <= lines.length; i++) {
            String l = i < lines.length ? lines[i].strip() : "";
            if (i < lines.length && skip[i]) {
                continue;
            }
            // only the paragraph's last character and, while it is short, its start are looked at:
            // a paragraph that never closes may be long
            // a unit parenthesis wrapped onto a line of its own (a PDF, a narrow page) still ends the paragraph above
            boolean unitsOfAbove = b != null && CLOSING.indexOf(b.charAt(b.length() - 1)) < 0 && unitsLine(l);
            boolean starts = !unitsOfAbove && (l.isEmpty() || b == null || Numbering.of(l) != null
                    || CLOSERS.indexOf(b.charAt(b.length() - 1)) >= 0
                    || (b.length() <= 40 && heading(b)) || labelled || LABEL.matcher(l).matches());
            if (starts && b != null) {
                out.add(new Paragraph(line, b.toString()));
                b = null;
            }
            if (l.isEmpty()) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(l);
                line = i + 1;
                labelled = LABEL.matcher(l).matches();
            } else {
                b.append(l);
            }
        }
        return out;
    }
}
