package org.duban.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters of issue 15 on the three real processes: /q/metrics of each is scraped during the
 * end-to-end flow (a task for a unit with a webhook endpoint, its event held in the outbox and then
 * relayed, the notification and the webhook delivery, a reminder made due, a plan import preview),
 * and the domain meters must move; then every metric name the Grafana dashboard and the alert rules
 * of deploy/observability use must be in the union of the three scrapes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsSystemTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);
    final List<String> webhookCalls = new CopyOnWriteArrayList<>();
    HttpServer receiver;

    // Gauges read from the database are refreshed by a scheduled job (every 10–30 s), never per scrape
    static final Duration GAUGE_REFRESH = Duration.ofSeconds(90);
    static final Map<String, String> LOOPBACK_WEBHOOKS = Map.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8");
    // task-service's database gauges re-read every second or two here (10 s and 30 s by default)
    static final Map<String, String> FAST_GAUGES = Map.of("DUBAN_OUTBOX_STATE_REFRESH", "1s",
            "DUBAN_METRICS_ASSIGNMENTS_REFRESH", "2s");

    @Test
    @Order(1)
    void theDomainMetersMoveThroughTheEndToEndFlow() throws Exception {
        // the OA system's receiver on this machine, which notification-service may call only when told so
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhookCalls.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // the relay held: the task's event must be seen waiting in the outbox before it goes out
        Map<String, String> relayHeld = new java.util.HashMap<>(FAST_GAUGES);
        relayHeld.put("DUBAN_OUTBOX_RELAY_ENABLED", "false");
        // both (re)started together
        suite.use(Map.of(Service.NOTIFICATION, LOOPBACK_WEBHOOKS, Service.TASK, relayHeld));

        String code = Api.newCode("sfj");
        api.createUnit(code, "珠海市司法局" + code);
        given().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:%d/hook\",\"unitCode\":\"%s\"}".formatted(receiver.getAddress().getPort(), code))
                .post(suite.url(Service.NOTIFICATION) + "/webhooks").then().statusCode(201);
        Scrape taskBefore = scrape(Service.TASK);
        Scrape notificationBefore = scrape(Service.NOTIFICATION);

        api.createTaskForNewUnits("编制并发布2020年政务公开工作年度报告", code);
        Scrape created = awaitScrape(Service.TASK, Duration.ofSeconds(10),
                s -> s.sum("duban_tasks_created_total") > taskBefore.sum("duban_tasks_created_total"));
        assertEquals(1.0, created.sum("duban_tasks_created_total") - taskBefore.sum("duban_tasks_created_total"),
                "duban_tasks_created_total +1");
        Scrape held = awaitScrape(Service.TASK, GAUGE_REFRESH, s -> s.sum("duban_outbox_backlog") >= 1);
        assertTrue(held.sum("duban_outbox_oldest_age_seconds") > 0, "the waiting row has an age");

        // the relay on again: Kafka acknowledges the held event and the backlog drains to 0 — and stays
        // there over several refreshes, so the 0 is a read of the table, not the gauge's value at start
        restart(Service.TASK, FAST_GAUGES);
        Scrape relayed = awaitScrape(Service.TASK, GAUGE_REFRESH, s -> s.sum("duban_outbox_published_total") >= 1
                && s.sum("duban_outbox_backlog") == 0 && s.sum("duban_outbox_oldest_age_seconds") == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> scrape(Service.TASK).sum("duban_outbox_backlog") == 0);
        assertTrue(relayed.sum("duban_outbox_published_total", Map.of("topic", "duban.task-events")) >= 1,
                "duban_outbox_published_total{topic=duban.task-events}");
        assertTrue(relayed.sum("duban_outbox_publish_seconds_count", Map.of("outcome", "acked")) >= 1,
                "duban_outbox_publish_seconds_count{outcome=acked}");

        // notification-service: the event consumed, one inbox notification, one webhook call sent
        await().atMost(Duration.ofSeconds(30)).until(() -> webhookCalls.size() == 1);
        Scrape told = awaitScrape(Service.NOTIFICATION, Duration.ofSeconds(30),
                s -> delta(s, notificationBefore, "duban_deliveries_total", Map.of("channel", "webhook", "outcome", "sent")) >= 1);
        assertEquals(1.0, delta(told, notificationBefore, "duban_notifications_created_total", Map.of("channel", "inbox")),
                "duban_notifications_created_total{channel=inbox} +1");
        assertEquals(1.0, delta(told, notificationBefore, "duban_deliveries_total", Map.of("channel", "webhook", "outcome", "sent")),
                "duban_deliveries_total{channel=webhook,outcome=sent} +1");
        assertEquals(1.0, delta(told, notificationBefore, "duban_delivery_call_seconds_count", Map.of("channel", "webhook")),
                "duban_delivery_call_seconds_count{channel=webhook} +1");
        assertTrue(delta(told, notificationBefore, "duban_events_consumed_total",
                Map.of("type", "task.assigned", "outcome", "applied")) >= 1, "duban_events_consumed_total{type=task.assigned,outcome=applied}");

        // an open SSE stream counts on the replica that serves it, and stops counting when it is closed
        double streamsBefore = told.sum("duban_sse_streams");
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(HttpRequest.newBuilder(URI.create(suite.url(Service.NOTIFICATION) + "/units/" + code + "/notifications/stream"))
                        .header("Authorization", "Bearer " + TestKeys.token("supervisor"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try {
            awaitScrape(Service.NOTIFICATION, Duration.ofSeconds(20), s -> s.sum("duban_sse_streams") == streamsBefore + 1);
        } finally {
            stream.whenComplete((response, failure) -> {
                if (response != null) {
                    response.body().close();
                }
            });
            stream.cancel(true);
        }
        awaitScrape(Service.NOTIFICATION, Duration.ofSeconds(30), s -> s.sum("duban_sse_streams") == streamsBefore);

        // a reminder made due now (the test moves its time, not the service's clock): one pass fires it
        Scrape beforeReminder = scrape(Service.TASK);
        int madeDue;
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(Service.TASK), suite.infra.dbUser(), suite.infra.dbPassword());
             PreparedStatement ps = c.prepareStatement("UPDATE reminder SET due_at = now() WHERE unit_code = ? AND state = 'PENDING'")) {
            ps.setString(1, code);
            madeDue = ps.executeUpdate();
        }
        assertEquals(1, madeDue, "the overdue reminder planned for the task's past deadline");
        Scrape reminded = awaitScrape(Service.TASK, Duration.ofSeconds(30),
                s -> s.sum("duban_reminder_fired_total") - beforeReminder.sum("duban_reminder_fired_total") >= 1);
        assertEquals(1.0, reminded.sum("duban_reminder_fired_total") - beforeReminder.sum("duban_reminder_fired_total"),
                "duban_reminder_fired_total +1");
        assertTrue(reminded.sum("duban_reminder_pass_seconds_count") > beforeReminder.sum("duban_reminder_pass_seconds_count"),
                "duban_reminder_pass_seconds_count counts passes");
        assertEquals(0.0, reminded.sum("duban_reminder_pass_failures_total"), "no failed pass");

        // a plan import preview
        String seed = Files.readString(suite.root.resolve("seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8);
        given().contentType("text/plain; charset=UTF-8").body(seed).post(suite.url(Service.TASK) + "/plan-imports")
                .then().statusCode(201);
        Map<String, String> previewed = Map.of("result", "previewed");
        Scrape imported = awaitScrape(Service.TASK, Duration.ofSeconds(10),
                s -> s.sum("duban_plan_imports_total", previewed) > reminded.sum("duban_plan_imports_total", previewed));
        assertEquals(1.0, imported.sum("duban_plan_imports_total", previewed) - reminded.sum("duban_plan_imports_total", previewed),
                "duban_plan_imports_total{result=previewed} +1");

        // the assignments gauge (a scheduled count) knows the new assignment's state and light
        awaitScrape(Service.TASK, GAUGE_REFRESH, s -> s.labelNames("duban_assignments").containsAll(Set.of("state", "light"))
                && s.sum("duban_assignments") >= 1);
        // the reminder's event went out too: the outbox is empty again
        awaitScrape(Service.TASK, GAUGE_REFRESH, s -> s.sum("duban_outbox_backlog") == 0);
    }

    @Test
    @Order(2)
    void everyMetricTheDashboardAndTheAlertRulesUseIsInARealScrapeWithTheLabelsTheyUse() throws Exception {
        // after the flow above: every meter has been recorded at least once on these processes
        List<Scrape> scrapes = new ArrayList<>();
        Map<Service, Set<String>> namesByService = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            Scrape scrape = scrape(s);
            scrapes.add(scrape);
            namesByService.put(s, scrape.names());
        }
        Set<String> scraped = Scrape.names(scrapes);
        // made by Prometheus, not by a service: `up` of each target; its target labels on every series
        Set<String> prometheusMetrics = Set.of("up");
        Set<String> targetLabels = Set.of("job", "instance");

        List<String> problems = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (ObservabilityAsCode.Query q : ObservabilityAsCode.allQueries(suite.root)) {
            Set<String> metricLabels = new TreeSet<>();
            for (String metric : q.usage().metrics()) {
                checked.add(metric);
                if (prometheusMetrics.contains(metric)) {
                    metricLabels.addAll(targetLabels);
                } else if (!scraped.contains(metric)) {
                    problems.add(q.source() + ": " + metric + " is in no scrape");
                }
                metricLabels.addAll(Scrape.labelNames(scrapes, metric));
            }
            for (String label : q.usage().labels()) {
                if (!targetLabels.contains(label) && !metricLabels.contains(label)) {
                    problems.add(q.source() + ": label " + label + " is on none of " + q.usage().metrics());
                }
            }
        }
        Map<Service, List<String>> ownNames = new EnumMap<>(Service.class);
        namesByService.forEach((s, names) -> ownNames.put(s, names.stream()
                .filter(n -> n.startsWith("duban_") || n.startsWith("agroal_")).toList()));
        assertEquals(List.of(), problems, "duban_* and agroal_* names scraped: " + ownNames);
        assertTrue(checked.size() > 25, "metric names checked: " + checked);
        System.out.printf("metrics: %d names used by the dashboard and the alert rules, all in the scrapes "
                + "(registry %d, task %d, notification %d names)%n", checked.size(), namesByService.get(Service.REGISTRY).size(),
                namesByService.get(Service.TASK).size(), namesByService.get(Service.NOTIFICATION).size());
    }

    @AfterAll
    void stopTheReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
        // the next test's Suite.get() starts the two with the suite's own settings again
    }

    private void restart(Service s, Map<String, String> env) {
        try {
            suite.process(s).stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        suite.start(s, env);
        suite.awaitReady(s);
    }

    private Scrape scrape(Service s) {
        return Scrape.of(suite.process(s).baseUrl());
    }

    private Scrape awaitScrape(Service s, Duration atMost, Predicate<Scrape> condition) {
        Scrape[] last = new Scrape[1];
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> condition.test(last[0] = scrape(s)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(s.module + "'s meters did not move in " + atMost + "; its duban_* samples: "
                    + (last[0] == null ? "none" : last[0].samples.stream().filter(x -> x.name().startsWith("duban_")).toList()), e);
        }
        return last[0];
    }

    private static double delta(Scrape after, Scrape before, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
