package org.duban.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL queries of deploy/observability: the Grafana dashboard's and the Prometheus alert rules'. */
final class ObservabilityAsCode {

    static final String DASHBOARD = "deploy/observability/grafana/duban-dashboard.json";
    static final String ALERT_RULES = "deploy/observability/prometheus/duban-alerts.yml";

    /** One PromQL expression and where it is used (a panel's target, a variable, an alert). */
    record Query(String source, String expression, PromQl.Usage usage) {
        Query(String source, String expression) {
            this(source, expression, PromQl.usage(expression));
        }
    }

    /** One alerting rule. */
    record Rule(String group, String alert, String expr, String severity, String summary, String runbook) {
    }

    // Grafana's variable query label_values(<series selector>, <label>); label_values(<label>) reads no metric
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_]\\w*)\\s*\\)\\s*$");

    private ObservabilityAsCode() {
    }

    static JsonNode dashboardJson(Path root) throws IOException {
        return new ObjectMapper().readTree(root.resolve(DASHBOARD).toFile());
    }

    /** Every panel's targets (rows' nested panels too) and every query variable. */
    static List<Query> dashboardQueries(Path root) throws IOException {
        JsonNode dashboard = dashboardJson(root);
        List<Query> queries = new ArrayList<>();
        collectPanels(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode q = variable.path("query");
            String text = q.isObject() ? q.path("query").asText() : q.asText();
            Matcher lv = LABEL_VALUES.matcher(text);
            if (lv.matches()) {
                PromQl.Usage u = PromQl.usage(lv.group(1));
                u.labels().add(lv.group(2));
                queries.add(new Query("variable $" + variable.path("name").asText(), lv.group(1), u));
            } else if (!text.startsWith("label_values(")) {
                queries.add(new Query("variable $" + variable.path("name").asText(), text));
            }
        }
        return queries;
    }

    private static void collectPanels(JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(new Query("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
            collectPanels(panel.path("panels"), into);
        }
    }

    static List<Rule> alertRules(Path root) throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(root.resolve(ALERT_RULES).toFile());
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : doc.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(new Rule(group.path("name").asText(), rule.path("alert").asText(null), rule.path("expr").asText(),
                        rule.path("labels").path("severity").asText(null),
                        rule.path("annotations").path("summary").asText(null),
                        rule.path("annotations").path("runbook").asText(null)));
            }
        }
        return rules;
    }

    static List<Query> alertQueries(Path root) throws IOException {
        return alertRules(root).stream().map(r -> new Query("alert " + r.alert() + " (" + r.severity() + ")", r.expr())).toList();
    }

    static List<Query> allQueries(Path root) throws IOException {
        List<Query> all = new ArrayList<>(dashboardQueries(root));
        all.addAll(alertQueries(root));
        return all;
    }
}
