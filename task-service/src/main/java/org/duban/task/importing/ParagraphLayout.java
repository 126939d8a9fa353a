package org.duban.task.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most common layout of a 分工方案: no table, numbered paragraphs each ending in a unit
 * parenthesis — "1. 加快……。（市发展改革局牵头，各区政府按职责分工负责）" or
 * "（牵头单位：…；责任单位：…；完成时限：…）". It is turned into a {@link PlanLayout} with a
 * synthetic header (具体任务 | 责任单位 | 完成时限): 一、 and （一） paragraphs become one-cell heading
 * rows (a （一） paragraph that goes on after its title sentence gives a heading and a task), and
 * every other paragraph a task row [text, units, deadline]. A paragraph without a unit parenthesis
 * is a task row without units; after the last task only numbered paragraphs are kept (a task cut
 * off at the end of a fragment), not the page's trailing furniture.
 */
final class ParagraphLayout {

    /** The header the paragraphs are read with; each name is unambiguous in the column vocabulary. */
    static final List<String> HEADER = List.of("具体任务", "责任单位", "完成时限");

    private static final String OPENING = "（(〔[【";
    private static final String CLOSING = "）)〕]】";
    private static final Pattern TRAILING = Pattern.compile("[。；;，,.、\\s]+$");
    private static final Pattern UNIT_WORD = Pattern.compile(
            ".*(牵头|负责|配合|单位|部门|局|委|办|政府|管委会|中心|街道|镇|落实).*", Pattern.DOTALL);
    private static final Pattern NOT_UNITS = Pattern.compile("^(见附件|详见|附件|以下简称|简称|含|包括|即|如|其中|注).*", Pattern.DOTALL);
    private static final Pattern DEADLINE_PART = Pattern.compile(
            "^(.*?)[；;，,。\\s]*(完成时限|完成时间|时间节点|时限要求|完成期限|时限)\\s*[：:]\\s*(.+?)[；;，,。\\s]*$", Pattern.DOTALL);
    private static final Pattern CLOSED = Pattern.compile(".*[。！？；;：:）)〕】」”]$");

    private record Paragraph(int line, String text) {
    }

    /** A paragraph's task: text without the unit parenthesis, the units and the deadline it gives. */
    record Split(String text, String units, String deadline) {
    }

    private ParagraphLayout() {
    }

    /** The layout, or null when no paragraph ends in a unit parenthesis. */
    static PlanLayout layout(String[] lines) {
        List<Paragraph> paragraphs = paragraphs(lines);
        int first = -1;
        int last = -1;
        for (int k = 0; k < paragraphs.size(); k++) {
            if (unitParenthesis(paragraphs.get(k).text()) != null) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0) {
            return null;
        }
        // the body starts with the numbered headings right above the first task
        int start = first;
        while (start > 0 && Numbering.of(paragraphs.get(start - 1).text()) != null) {
            start--;
        }
        int bodyLine = paragraphs.get(start).line();
        List<PlanLayout.Line> notice = new ArrayList<>();
        for (int i = 0; i < bodyLine - 1; i++) {
            if (!lines[i].isBlank() && !TextLayouts.isPageFurniture(lines[i])) {
                notice.add(new PlanLayout.Line(i + 1, lines[i].strip()));
            }
        }
        List<PlanLayout.Row> rows = new ArrayList<>();
        for (int k = start; k < paragraphs.size(); k++) {
            Paragraph p = paragraphs.get(k);
            Numbering.Match n = Numbering.of(p.text());
            if (k > last && n == null) {
                break; // past the last task: the page's furniture, signatures, 附件
            }
            rows(p, n, rows);
        }
        return new PlanLayout(notice, new PlanLayout.Row(bodyLine, HEADER), rows);
    }

    private static void rows(Paragraph p, Numbering.Match n, List<PlanLayout.Row> rows) {
        String text = p.text();
        if (n != null && (n.level() == Numbering.Level.SECTION || n.level() == Numbering.Level.WORK_ITEM)) {
            String prefix = text.substring(0, text.length() - n.rest().length());
            String rest = n.rest();
            Split whole = split(rest);
            // the title is the first sentence when more follows, else all that precedes the units
            int stop = whole.text().indexOf('。');
            String title = stop >= 0 && stop < whole.text().length() - 1 ? whole.text().substring(0, stop) : whole.text();
            String after = whole.text().substring(Math.min(whole.text().length(), title.length() + 1)).strip();
            rows.add(new PlanLayout.Row(p.line(), List.of(prefix.strip() + TRAILING.matcher(title).replaceAll(""))));
            if (!after.isEmpty() || !whole.units().isEmpty()) {
                rows.add(new PlanLayout.Row(p.line(), List.of(after.isEmpty() ? title : after, whole.units(), whole.deadline())));
            }
            return;
        }
        for (Split s : tasks(text)) {
            rows.add(new PlanLayout.Row(p.line(), List.of(s.text(), s.units(), s.deadline())));
        }
    }

    /** A paragraph may hold several tasks, each closed by its unit parenthesis and a 。 or ；. */
    static List<Split> tasks(String text) {
        List<Split> out = new ArrayList<>();
        String rest = text;
        while (true) {
            int cut = innerCut(rest);
            if (cut < 0) {
                break;
            }
            out.add(split(rest.substring(0, cut)));
            rest = rest.substring(cut).replaceFirst("^[。；;\\s]+", "");
        }
        if (!rest.isBlank() || out.isEmpty()) {
            out.add(split(rest));
        }
        return out;
    }

    /** Where a unit parenthesis followed by 。/； and more text ends, or -1. */
    private static int innerCut(String text) {
        int depth = 0;
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (OPENING.indexOf(c) >= 0) {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (CLOSING.indexOf(c) >= 0 && depth > 0 && --depth == 0) {
                String after = text.substring(i + 1);
                String more = after.replaceFirst("^[。；;]", "");
                if (more.length() < after.length() && more.strip().length() >= 8
                        && unitContent(text.substring(open + 1, i))) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** A task's text, and the units and deadline of the parenthesis it ends with (empty when none). */
    static Split split(String text) {
        int[] at = unitParenthesis(text);
        if (at == null) {
            return new Split(text.strip(), "", "");
        }
        String units = text.substring(at[0] + 1, at[1]).strip();
        String deadline = "";
        Matcher m = DEADLINE_PART.matcher(units);
        if (m.matches() && !m.group(1).isBlank()) {
            units = m.group(1).strip();
            deadline = m.group(3).strip();
        }
        return new Split(text.substring(0, at[0]).strip(), units, deadline);
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
        for (int i = 0; i <= lines.length; i++) {
            String l = i < lines.length ? lines[i].strip() : "";
            if (i < lines.length && TextLayouts.isPageFurniture(l) && !l.isEmpty()) {
                continue;
            }
            boolean starts = l.isEmpty() || b == null || Numbering.of(l) != null || CLOSED.matcher(b).matches()
                    || heading(b);
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
            } else {
                b.append(l);
            }
        }
        return out;
    }
}
