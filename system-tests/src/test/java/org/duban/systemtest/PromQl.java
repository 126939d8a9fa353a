package org.duban.systemtest;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and label names a PromQL expression uses — enough of PromQL to check a
 * dashboard's and alert rules' names against a real scrape, not a parser: no PromQL parser is
 * kept on the Quarkus BOM, and the expressions here are selectors, functions, aggregations and
 * binary operators.
 */
public final class PromQl {

    /** What one expression reads: metric names, and label names in matchers, by/without and on/ignoring. */
    public record Usage(Set<String> metrics, Set<String> labels) {
    }

    // Grafana's variables ($job, ${job}, $__rate_interval): never a metric name
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?\\w+|@\\s*\\S+");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    // a number first, so that 1e3 and 0x1F are never read as the identifiers e3 and x1F
    private static final Pattern TOKEN = Pattern.compile(
            "(?<number>0[xX][0-9a-fA-F]+|\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+)|(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "inf", "nan",
            "by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    public static Usage usage(String expression) {
        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        String e = GRAFANA_VARIABLE.matcher(expression).replaceAll("");
        e = STRING.matcher(e).replaceAll("\"\"");
        e = RANGE.matcher(e).replaceAll(" ");
        e = OFFSET.matcher(e).replaceAll(" ");
        e = strip(e, MATCHERS, MATCHER_LABEL, labels);
        e = strip(e, LABEL_LIST, LABEL_NAME, labels);
        Matcher t = TOKEN.matcher(e);
        while (t.find()) {
            String name = t.group("name");
            if (name == null || KEYWORDS.contains(name.toLowerCase()) || followedByParenthesis(e, t.end())) {
                continue; // a number, a keyword, or a function or aggregation (rate(, sum (, absent( …)
            }
            metrics.add(name);
        }
        return new Usage(metrics, labels);
    }

    private static String strip(String e, Pattern block, Pattern label, Set<String> labels) {
        Matcher m = block.matcher(e);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher l = label.matcher(m.group(1));
            while (l.find()) {
                labels.add(l.group(1 <= l.groupCount() ? 1 : 0));
            }
            m.appendReplacement(out, " ");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean followedByParenthesis(String e, int from) {
        int i = from;
        while (i < e.length() && Character.isWhitespace(e.charAt(i))) {
            i++;
        }
        return i < e.length() && e.charAt(i) == '(';
    }
}
