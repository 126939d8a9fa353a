package org.duban.task.importing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plan as HTML: a page saved from a government site, or a table copied from one (jsoup).
 * <p>
 * The page is read in reading order as lines of text and tables. The first table with a header row
 * naming a task column and a unit column is the task table (row and column spans expanded, see
 * {@link TableGrid}); what comes before it is the notice. Tables after it with as many columns (the
 * table continued, e.g. one table per section, or a header repeated) add their rows; a numbered
 * heading between two such tables becomes a heading row. A page without such a table is read as its
 * text, each table row a line of TAB-separated cells, by {@link PlainTextPlanReader#layout(String)}.
 * A problem's "line" is the line of that reading (a paragraph, or a table row).
 */
public final class HtmlPlanReader {

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "center",
            "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
            "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "ul", "caption", "title");
    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head", "select",
            "option", "button", "input", "textarea", "iframe", "object", "svg");
    private static final Pattern META_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-]+)");
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile(
            "(?<=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}])\\s+"
                    + "(?=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}])");

    private HtmlPlanReader() {
    }

    public static ParsedPlan read(byte[] html) {
        return PlanStructure.build(layout(decode(html)));
    }

    public static ParsedPlan read(String html) {
        return PlanStructure.build(layout(html));
    }

    /**
     * The page's text: UTF-8 when the bytes are valid UTF-8, else the charset its meta tag declares
     * (older gov.cn pages are GB2312/GBK), else GB18030.
     */
    static String decode(byte[] b) {
        if (PlanFormat.isUtf8(b)) {
            return new String(b, StandardCharsets.UTF_8);
        }
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        Charset cs = Charset.forName("GB18030");
        if (m.find()) {
            try {
                Charset declared = Charset.forName(m.group(1));
                // GB2312 and GBK are subsets of GB18030: read them as such, so a rarer character does not break
                cs = declared.name().toUpperCase(Locale.ROOT).startsWith("GB") ? cs : declared;
            } catch (IllegalArgumentException unknown) {
                // keep GB18030
            }
        }
        return new String(b, cs);
    }

    static PlanLayout layout(String html) {
        Document doc = Jsoup.parse(html);
        DocumentLayout.Builder out = new DocumentLayout.Builder();
        Reading reading = new Reading(out);
        reading.block(doc.body() != null ? doc.body() : doc);
        reading.flush();
        return out.build();
    }

    /** Walks the page in reading order, collecting lines of text and data tables. */
    private static final class Reading {
        private final DocumentLayout.Builder out;
        private final StringBuilder current = new StringBuilder();

        Reading(DocumentLayout.Builder out) {
            this.out = out;
        }

        void block(Element e) {
            for (Node n : e.childNodes()) {
                node(n);
            }
        }

        private void node(Node n) {
            if (n instanceof TextNode t) {
                current.append(t.getWholeText());
                return;
            }
            if (!(n instanceof Element e)) {
                return;
            }
            String tag = e.normalName();
            if (SKIPPED.contains(tag) || e.hasAttr("hidden") || e.attr("style").replace(" ", "").contains("display:none")) {
                return;
            }
            if (tag.equals("br")) {
                flush();
                return;
            }
            if (tag.equals("table")) {
                flush();
                if (e.selectFirst("table table") == null && e.select("table").size() == 1) {
                    out.table(grid(e));
                } else {
                    // a page-layout table around the content: read its cells as blocks
                    for (Element row : rows(e)) {
                        for (Element cell : row.children()) {
                            block(cell);
                            flush();
                        }
                    }
                }
                return;
            }
            boolean blockTag = BLOCKS.contains(tag);
            if (blockTag) {
                flush();
            }
            block(e);
            if (blockTag) {
                flush();
            }
        }

        void flush() {
            String line = clean(current.toString());
            current.setLength(0);
            out.line(line);
        }
    }

    /** The table's own rows (not those of a table nested in it). */
    private static List<Element> rows(Element table) {
        return table.select("tr").stream().filter(tr -> tr.parents().stream()
                .filter(p -> p.normalName().equals("table")).findFirst().orElse(null) == table).toList();
    }

    private static TableGrid grid(Element table) {
        List<List<TableGrid.Source>> source = new ArrayList<>();
        for (Element tr : rows(table)) {
            List<TableGrid.Source> cells = new ArrayList<>();
            for (Element td : tr.children()) {
                if (td.normalName().equals("td") || td.normalName().equals("th")) {
                    cells.add(new TableGrid.Source(cellText(td), span(td, "rowspan"), span(td, "colspan")));
                }
            }
            source.add(cells);
        }
        return TableGrid.of(source);
    }

    /** A cell's paragraphs and <br>-lines as lines (see TableGrid#joined), spaces between Chinese characters dropped. */
    private static String cellText(Element td) {
        StringBuilder b = new StringBuilder();
        Reading r = new Reading(new DocumentLayout.Builder() {
            @Override
            DocumentLayout.Builder line(String text) {
                b.append(b.isEmpty() ? "" : "\n").append(text.strip());
                return this;
            }
        });
        r.block(td);
        r.flush();
        return b.toString();
    }

    private static int span(Element td, String attr) {
        try {
            return Integer.parseInt(td.attr(attr).strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Whitespace as a browser shows it: runs collapsed, none between Chinese characters (a source line break). */
    private static String clean(String s) {
        String t = s.replace('\u00A0', ' ').replace('\u3000', ' ').replaceAll("\\s+", " ").strip();
        return SPACE_BETWEEN_HAN.matcher(t).replaceAll("");
    }
}
