package org.duban.systemtest.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.duban.infra.ServiceProcess.Service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The seed plan (seed/zhuhai-2020-openness-plan.txt, 珠府办〔2020〕9号: 28 tasks of the Zhuhai demo city)
 * imported through task-service ({@code POST /plan-imports}, then confirm, as PlanImportSystemTest does),
 * then published: the publish call's own duration, and from its answer the time until every inbox row
 * and every webhook call it causes arrived. "Every" is what arrived for the city's units after the call
 * until nothing more came for {@link #QUIET_MS} ms with as many webhook calls as inbox rows (the global
 * endpoint is called once per inbox notification). A 28-task plan of the same units is published and
 * drained first, so the publish path is compiled before it is measured.
 */
final class SeedPlanPublish {

    static final long QUIET_MS = 3_000;
    static final long TIMEOUT_MS = 180_000;

    record Result(double publishMillis, int assignments, int inboxRows, double allInboxMillis, int webhookCalls,
                  double allWebhooksMillis, long duplicateWebhooks, boolean complete) {
    }

    static Result measure(Duban d) throws Exception {
        byte[] city = Files.readAllBytes(d.suite.root().resolve("deploy/local/demo/zhuhai-2020.json"));
        Duban.require(d.http.postJson(d.url(Service.REGISTRY) + "/city/import", new String(city, StandardCharsets.UTF_8)),
                200, "the Zhuhai city import");
        List<String> zhuhai = new ArrayList<>();
        Http.JSON.readTree(city).path("units").forEach(u -> zhuhai.add(u.path("code").asText()));
        d.newUnitsKnown(zhuhai);

        try (InboxWatcher inbox = new InboxWatcher(d.suite.jdbcUrl(Service.NOTIFICATION), d.suite.infra().dbUser(),
                d.suite.infra().dbPassword(), zhuhai)) {
            // warm-up: a plan of 28 tasks, one lead unit each, published and drained
            long warm = System.nanoTime();
            publish(d, createPlan(d, zhuhai));
            awaitAll(d, inbox, Set.copyOf(zhuhai), warm);

            String seed = Files.readString(d.suite.root().resolve("seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8);
            String importId = Duban.require(d.http.post(d.url(Service.TASK) + "/plan-imports", "text/plain; charset=UTF-8", seed),
                    201, "the seed plan's import").json().path("id").asText();
            Http.Answer confirmed = d.http.post(d.url(Service.TASK) + "/plan-imports/" + importId + "/confirm", "application/json", "");
            Duban.require(confirmed, 201, "the seed plan's confirmation");
            String planId = confirmed.json().path("planId").asText();

            long before = System.nanoTime();
            Http.Answer published = publish(d, planId);
            long answered = published.answeredNanos();
            boolean complete = awaitAll(d, inbox, Set.copyOf(zhuhai), before);
            List<Arrivals.Arrival> rows = after(inbox.arrivals, zhuhai, before);
            List<Arrivals.Arrival> calls = after(d.receiver.arrivals, zhuhai, before);
            int assignments = 0;
            for (JsonNode section : published.json().path("sections")) {
                for (JsonNode item : section.path("workItems")) {
                    for (JsonNode task : item.path("tasks")) {
                        assignments += task.path("assignments").size();
                    }
                }
            }
            long distinctIds = calls.stream().map(Arrivals.Arrival::id).distinct().count();
            long distinctNotifications = calls.stream().map(a -> a.taskId() + "/" + a.unitCode() + "/" + a.type())
                    .distinct().count();
            return new Result(published.millis(), assignments, rows.size(), lastAfter(rows, answered),
                    (int) distinctIds, lastAfter(calls, answered), distinctIds - distinctNotifications, complete);
        }
    }

    private static Http.Answer publish(Duban d, String planId) {
        return Duban.require(d.http.post(d.url(Service.TASK) + "/plans/" + planId + "/publish", "application/json", ""),
                200, "publishing plan " + planId);
    }

    /** A draft plan of 28 tasks, each led by one of the city's units. */
    private static String createPlan(Duban d, List<String> units) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < 28; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"text\":\"预热任务").append(i).append("，年底前完成。\",\"leadUnitCode\":\"")
                    .append(units.get(i % units.size())).append("\",\"deadline\":\"").append(Duban.TASK_DEADLINE).append("\"}");
        }
        String body = """
                {"documentNumber":"珠督预〔2020〕%s号","title":"预热方案","year":2020,"defaultDeadline":"%s",
                 "sections":[{"title":"一、预热","workItems":[{"title":"（一）预热","tasks":[%s]}]}]}
                """.formatted(UUID.randomUUID().toString().substring(0, 6), Duban.TASK_DEADLINE, tasks);
        return Duban.require(d.http.postJson(d.url(Service.TASK) + "/plans", body), 201, "the warm-up plan")
                .json().path("id").asText();
    }

    /** Waits until the inbox rows of the units since {@code since} stop growing and the webhook calls match them. */
    private static boolean awaitAll(Duban d, InboxWatcher inbox, Set<String> units, long since) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
        int rows = -1;
        long steadySince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = after(inbox.arrivals, units, since).size();
            long calls = after(d.receiver.arrivals, units, since).stream().map(Arrivals.Arrival::id).distinct().count();
            if (now != rows) {
                rows = now;
                steadySince = System.nanoTime();
            } else if (rows > 0 && calls >= rows && System.nanoTime() - steadySince > QUIET_MS * 1_000_000) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<Arrivals.Arrival> after(Arrivals arrivals, java.util.Collection<String> units, long since) {
        Set<String> set = Set.copyOf(units);
        return arrivals.all().stream().filter(a -> a.nanos() > since && set.contains(a.unitCode()))
                .collect(Collectors.toList());
    }

    private static double lastAfter(List<Arrivals.Arrival> arrivals, long answered) {
        return (arrivals.stream().mapToLong(Arrivals.Arrival::nanos).max().orElse(answered) - answered) / 1e6;
    }

    private SeedPlanPublish() {
    }
}
