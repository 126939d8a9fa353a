package org.duban.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/observability read as files (plain JUnit, no process): the PromQL name extraction, the
 * dashboard's and the alert rules' shape, and that they cover the meters of issue 15's contract.
 * That each name exists on the running services is {@link MetricsSystemTest}'s part.
 */
class ObservabilityAsCodeTest {

    final Path root = Path.of(System.getProperty("duban.root", "..")).toAbsolutePath().normalize();

    /** The domain meters of issue 15 (Prometheus form); timers as their family name. */
    static final List<String> CONTRACT_GAUGES = List.of("duban_outbox_backlog", "duban_outbox_oldest_age_seconds",
            "duban_assignments", "duban_deliveries_backlog", "duban_deliveries_dead", "duban_sse_streams",
            "duban_parked_events");
    static final List<String> CONTRACT_COUNTERS = List.of("duban_outbox_published_total", "duban_events_consumed_total",
            "duban_reminder_fired_total", "duban_reminder_pass_failures_total", "duban_plan_imports_total",
            "duban_tasks_created_total", "duban_notifications_created_total", "duban_deliveries_total");
    static final List<String> CONTRACT_TIMERS = List.of("duban_outbox_publish_seconds", "duban_reminder_pass_seconds",
            "duban_delivery_call_seconds");

    @Test
    void promQlNamesAreReadFromSelectorsFunctionsAggregationsAndBinaryOperatorsButNotFromLabelsOrVariables() {
        PromQl.Usage u = PromQl.usage("sum by (job, uri) (rate(http_server_requests_seconds_count"
                + "{job=~\"$job\", status=~\"5..\", uri!=\"/q/metrics\"}[$__rate_interval]))"
                + " / sum by (job, uri) (rate(http_server_requests_seconds_count{job=~\"$job\"}[5m])) > 0.05");
        assertEquals(Set.of("http_server_requests_seconds_count"), u.metrics());
        assertEquals(Set.of("job", "uri", "status"), u.labels());

        u = PromQl.usage("histogram_quantile(0.95, sum without (instance) (rate(a_seconds_bucket[5m])))"
                + " and on(job) group_left(team) b_info offset 1h or absent(c_total{x='y'}) unless 1e3 < bool d:recorded");
        assertEquals(Set.of("a_seconds_bucket", "b_info", "c_total", "d:recorded"), u.metrics());
        assertEquals(Set.of("instance", "job", "team", "x"), u.labels());

        // a string holding what looks like a selector or a function is only a string
        u = PromQl.usage("label_replace(up{job=\"a{b}\"}, \"dst\", \"rate(x)\", \"src\", \"(.*)\") == 0");
        assertEquals(Set.of("up"), u.metrics());
        assertEquals(Set.of("job"), u.labels());
    }

    @Test
    void everyDashboardPanelQueriesTheDatasourceVariableAndReadsAMetricAndNoTwoPanelsOverlap() throws Exception {
        JsonNode dashboard = ObservabilityAsCode.dashboardJson(root);
        assertEquals("duban-overview", dashboard.path("uid").asText());
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        Set<Integer> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        boolean[][] grid = new boolean[200][24];
        for (JsonNode p : panels) {
            String title = p.path("title").asText();
            if (!ids.add(p.path("id").asInt())) {
                problems.add(title + ": id " + p.path("id") + " used twice");
            }
            JsonNode pos = p.path("gridPos");
            for (int y = pos.path("y").asInt(); y < pos.path("y").asInt() + pos.path("h").asInt(); y++) {
                for (int x = pos.path("x").asInt(); x < pos.path("x").asInt() + pos.path("w").asInt(); x++) {
                    if (x >= 24 || grid[y][x]) {
                        problems.add(title + ": overlaps another panel or leaves the 24 columns at " + x + "," + y);
                    } else {
                        grid[y][x] = true;
                    }
                }
            }
            if ("row".equals(p.path("type").asText())) {
                continue;
            }
            if (!"${datasource}".equals(p.path("datasource").path("uid").asText())) {
                problems.add(title + ": datasource is not the $datasource variable");
            }
            if (p.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode t : p.path("targets")) {
                if (PromQl.usage(t.path("expr").asText()).metrics().isEmpty()) {
                    problems.add(title + " " + t.path("refId").asText() + ": reads no metric: " + t.path("expr").asText());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(panels.size() > 30, "panels: " + panels.size());
    }

    @Test
    void theDashboardShowsEveryDomainMeterOfIssue15() throws Exception {
        Set<String> used = ObservabilityAsCode.dashboardQueries(root).stream()
                .flatMap(q -> q.usage().metrics().stream()).collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = new ArrayList<>();
        CONTRACT_GAUGES.stream().filter(n -> !used.contains(n)).forEach(missing::add);
        CONTRACT_COUNTERS.stream().filter(n -> !used.contains(n)).forEach(missing::add);
        CONTRACT_TIMERS.stream().filter(n -> !used.contains(n + "_count") || !used.contains(n + "_sum")
                || !used.contains(n + "_max")).forEach(missing::add);
        assertEquals(List.of(), missing, "domain meters the dashboard does not show (it uses " + used + ")");
        // and the platform's: HTTP by route, consumer lag, JVM memory, the datasource pool
        assertTrue(used.containsAll(Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                "kafka_consumer_fetch_manager_records_lag_max", "jvm_memory_used_bytes", "agroal_active_count")), used.toString());
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionInOperations() throws Exception {
        List<ObservabilityAsCode.Rule> rules = ObservabilityAsCode.alertRules(root);
        String operations = Files.readString(root.resolve("docs/operations.md"));
        int alertsSection = operations.indexOf("\n## Alerts\n");
        assertTrue(alertsSection >= 0, "docs/operations.md has an '## Alerts' section");
        String alertsDocs = operations.substring(alertsSection, nextSection(operations, alertsSection));
        List<String> problems = new ArrayList<>();
        for (ObservabilityAsCode.Rule r : rules) {
            if (r.alert() == null || !r.alert().matches("Duban[A-Z][A-Za-z0-9]+")) {
                problems.add(r.group() + ": rule without a Duban… alert name: " + r.expr());
                continue;
            }
            if (!Set.of("warning", "critical").contains(r.severity())) {
                problems.add(r.alert() + ": severity " + r.severity());
            }
            if (r.summary() == null || r.summary().isBlank()) {
                problems.add(r.alert() + ": no summary");
            }
            if (!("docs/operations.md#" + r.alert().toLowerCase()).equals(r.runbook())) {
                problems.add(r.alert() + ": runbook " + r.runbook());
            }
            if (!alertsDocs.contains("\n### " + r.alert() + "\n")) {
                problems.add(r.alert() + ": no '### " + r.alert() + "' in docs/operations.md's Alerts section");
            }
            if (PromQl.usage(r.expr()).metrics().isEmpty()) {
                problems.add(r.alert() + ": reads no metric");
            }
        }
        assertEquals(List.of(), problems);
        // what issue 15 asks to be alerted on
        assertEquals(new TreeSet<>(List.of("DubanServiceDown", "DubanHttp5xxRate", "DubanOutboxOldestEventOld",
                        "DubanConsumerLagHigh", "DubanParkedEvents", "DubanDeadLettersRising", "DubanDeliveryBacklogHigh",
                        "DubanReminderPassFailing", "DubanReminderPassNotRunning")),
                rules.stream().map(ObservabilityAsCode.Rule::alert).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void theScrapeConfigScrapesTheThreeServicesUnderTheJobNamesTheRulesAndTheDashboardSelect() throws Exception {
        JsonNode prometheus = new ObjectMapper(new YAMLFactory())
                .readTree(root.resolve("deploy/observability/prometheus/prometheus.yml").toFile());
        List<String> ruleFiles = new ArrayList<>();
        prometheus.path("rule_files").forEach(f -> ruleFiles.add(f.asText()));
        assertEquals(List.of("duban-alerts.yml"), ruleFiles);
        Set<String> jobs = new TreeSet<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            assertEquals("/q/metrics", job.path("metrics_path").asText(), job.path("job_name").asText());
            jobs.add(job.path("job_name").asText());
        }
        assertEquals(Set.of("duban-unit-registry-service", "duban-task-service", "duban-notification-service"), jobs);

        // every job a query names, literally or by the duban-.* pattern, is one that is scraped
        Pattern jobMatcher = Pattern.compile("job\\s*(=~|=)\\s*\"([^\"]*)\"");
        List<String> problems = new ArrayList<>();
        for (ObservabilityAsCode.Query q : ObservabilityAsCode.allQueries(root)) {
            Matcher m = jobMatcher.matcher(q.expression());
            while (m.find()) {
                String value = m.group(2);
                boolean selectsAScrapedJob = value.equals("$job") || ("=~".equals(m.group(1))
                        ? jobs.stream().anyMatch(j -> j.matches(value)) : jobs.contains(value));
                if (!selectsAScrapedJob) {
                    problems.add(q.source() + ": job " + m.group(1) + "\"" + value + "\" selects no scraped job");
                }
            }
        }
        assertEquals(List.of(), problems);
        JsonNode jobVariable = null;
        for (JsonNode v : ObservabilityAsCode.dashboardJson(root).path("templating").path("list")) {
            if ("job".equals(v.path("name").asText())) {
                jobVariable = v;
            }
        }
        assertFalse(jobVariable == null, "the dashboard has a $job variable");
        String regex = jobVariable.path("regex").asText();
        assertTrue(jobs.stream().allMatch(j -> j.matches(regex)), "$job's regex " + regex + " keeps every scraped job");
    }

    @Test
    void everyQueryHasBalancedParenthesesBracketsAndBracesOutsideItsStrings() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ObservabilityAsCode.Query q : ObservabilityAsCode.allQueries(root)) {
            String unbalanced = unbalanced(q.expression());
            if (unbalanced != null) {
                problems.add(q.source() + ": " + unbalanced + " in " + q.expression());
            }
        }
        assertEquals(List.of(), problems);
        assertEquals("unclosed (", unbalanced("sum(rate(x[5m])"));
        assertEquals("] closes (", unbalanced("rate(x{a=\"(\"}[5m]])"));
    }

    /** Null when every (, [ and { outside a string is closed in order; else what is wrong. */
    private static String unbalanced(String e) {
        java.util.Deque<Character> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'') {
                for (i++; i < e.length() && e.charAt(i) != c; i++) {
                    if (e.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if ("([{".indexOf(c) >= 0) {
                open.push(c);
            } else if (")]}".indexOf(c) >= 0) {
                char expected = "([{".charAt(")]}".indexOf(c));
                if (open.isEmpty() || open.peek() != expected) {
                    return c + " closes " + (open.isEmpty() ? "nothing" : open.peek());
                }
                open.pop();
            }
        }
        return open.isEmpty() ? null : "unclosed " + open.peek();
    }

    private static int nextSection(String text, int from) {
        int next = text.indexOf("\n## ", from + 1);
        return next < 0 ? text.length() : next;
    }
}
