package org.duban.systemtest.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.duban.infra.ServiceProcess.Service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seed plan (seed/zhuhai-2020-openness-plan.txt, 珠府办〔2020〕9号: 28 tasks of the Zhuhai demo city)
 * imported through task-service ({@code POST /plan-imports}, then confirm, as PlanImportSystemTest does),
 * then published: the publish call's own duration, and from its answer the time until the last of its
 * task.assigned notifications (one per assignment the answer lists) is in the inbox (committed) and at
 * the webhook receiver (the global endpoint: a call per notification). Copies of it under other document
 * numbers are published and drained first ({@link Warm}), so its paths are compiled before it is measured.
 */
final class SeedPlanPublish {

    static final long TIMEOUT_MS = 180_000;

    /**
     * {@code rowsInDatabase}: the plan's task.assigned inbox rows counted in the database at the end
     * (loss if fewer than the assignments, duplicates if more); {@code webhookIds}: distinct webhook-ids
     * of its task.assigned calls.
     */
    record Result(double publishMillis, int assignments, int inboxRows, double allInboxMillis, int webhookIds,
                  double allWebhooksMillis, int rowsInDatabase, boolean complete) {
    }

    /** The Zhuhai demo city (the seed plan's units) imported into the registry and known to both services. */
    static void prepare(Duban d) throws Exception {
        byte[] city = Files.readAllBytes(d.suite.root().resolve("deploy/local/demo/zhuhai-2020.json"));
        Duban.require(d.http.postJson(d.url(Service.REGISTRY) + "/city/import", new String(city, StandardCharsets.UTF_8)),
                200, "the Zhuhai city import");
        List<String> zhuhai = new ArrayList<>();
        Http.JSON.readTree(city).path("units").forEach(u -> zhuhai.add(u.path("code").asText()));
        d.newUnitsKnown(zhuhai);
    }

    /**
     * The seed plan's text under another document number (珠府办〔2020〕9号 → 〔2020〕1001号, 1002号 …: the number
     * is unique), imported, published and drained, one after the other: the publish, the registry's resolution of
     * its phrases and the 531-event fan-out are code paths the one-unit tasks of the warm-up never run. The first
     * one's figures are kept: the seed plan's shape published for the first time since the services started.
     */
    static final class Warm implements ProcessCpu.Load, AutoCloseable {
        private final Duban d;
        private final String seed;
        private final InboxWatcher inbox;
        private int published;
        private Result first;

        Warm(Duban d) throws Exception {
            this.d = d;
            this.seed = Files.readString(d.suite.root().resolve("seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8);
            this.inbox = new InboxWatcher(d.suite.jdbcUrl(Service.NOTIFICATION), d.suite.infra().dbUser(),
                    d.suite.infra().dbPassword(), List.of());
        }

        @Override
        public void until(long nanoTime) throws Exception {
            do {
                String copy = seed.replaceFirst("珠府办〔2020〕9号", "珠府办〔2020〕" + (1001 + published) + "号");
                Result r = importAndPublish(d, inbox, copy);
                if (!r.complete()) {
                    throw new IllegalStateException("a warm-up copy of the seed plan did not arrive whole: " + r);
                }
                if (first == null) {
                    first = r;
                }
                published++;
            } while (System.nanoTime() < nanoTime);
        }

        int published() {
            return published;
        }

        /** The first copy's figures (the shape's first publish since the services started), or null. */
        Result first() {
            return first;
        }

        @Override
        public void close() throws Exception {
            inbox.close();
        }
    }

    /** The seed plan itself (珠府办〔2020〕9号), imported, published and drained. */
    static Result measure(Duban d) throws Exception {
        // the seed plan reaches units the city file nests (each district's openness office …): the watcher
        // watches every unit (a list of the city's units missed 80 of 531 rows), the plan's task ids select
        try (InboxWatcher inbox = new InboxWatcher(d.suite.jdbcUrl(Service.NOTIFICATION), d.suite.infra().dbUser(),
                d.suite.infra().dbPassword(), List.of())) {
            return importAndPublish(d, inbox,
                    Files.readString(d.suite.root().resolve("seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8));
        }
    }

    private static Result importAndPublish(Duban d, InboxWatcher inbox, String text) throws Exception {
        String importId = Duban.require(d.http.post(d.url(Service.TASK) + "/plan-imports", "text/plain; charset=UTF-8", text),
                201, "the seed plan's import").json().path("id").asText();
        Http.Answer confirmed = d.http.post(d.url(Service.TASK) + "/plan-imports/" + importId + "/confirm", "application/json", "");
        Duban.require(confirmed, 201, "the seed plan's confirmation");

        Http.Answer published = publish(d, confirmed.json().path("planId").asText());
        Plan plan = Plan.of(published.json());
        boolean complete = awaitAll(d, inbox, plan);
        List<Arrivals.Arrival> rows = plan.assigned(inbox.arrivals);
        List<Arrivals.Arrival> calls = plan.assigned(d.receiver.arrivals);
        int inDatabase;
        try (Connection c = d.db(Service.NOTIFICATION)) {
            inDatabase = InboxWatcher.rowsPerTask(c, List.copyOf(plan.taskIds), Deliveries.TYPE).values().stream()
                    .mapToInt(Integer::intValue).sum();
        }
        return new Result(published.millis(), plan.assignments, rows.size(), lastAfter(rows, published.answeredNanos()),
                distinctIds(calls), lastAfter(calls, published.answeredNanos()), inDatabase, complete);
    }

    /** A published plan's tasks and how many assignments (so task.assigned notifications) it made. */
    private record Plan(Set<String> taskIds, int assignments) {
        static Plan of(JsonNode published) {
            Set<String> tasks = new HashSet<>();
            Set<String> assignments = new HashSet<>();
            for (JsonNode task : published.findValues("tasks").stream().flatMap(t -> stream(t)).toList()) {
                tasks.add(task.path("id").asText());
                stream(task.path("assignments")).forEach(a -> assignments.add(a.path("id").asText()));
            }
            return new Plan(tasks, assignments.size());
        }

        List<Arrivals.Arrival> assigned(Arrivals arrivals) {
            return arrivals.all().stream().filter(a -> Deliveries.TYPE.equals(a.type()) && taskIds.contains(a.taskId()))
                    .collect(Collectors.toList());
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static Http.Answer publish(Duban d, String planId) {
        return Duban.require(d.http.post(d.url(Service.TASK) + "/plans/" + planId + "/publish", "application/json", ""),
                200, "publishing plan " + planId);
    }

    /** Waits until every assignment's notification is in the inbox and at the receiver; whether it came to that. */
    private static boolean awaitAll(Duban d, InboxWatcher inbox, Plan plan) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
        while (plan.assigned(inbox.arrivals).size() < plan.assignments
                || distinctIds(plan.assigned(d.receiver.arrivals)) < plan.assignments) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static int distinctIds(List<Arrivals.Arrival> arrivals) {
        return (int) arrivals.stream().map(Arrivals.Arrival::id).distinct().count();
    }

    private static double lastAfter(List<Arrivals.Arrival> arrivals, long answered) {
        return (arrivals.stream().mapToLong(Arrivals.Arrival::nanos).max().orElse(answered) - answered) / 1e6;
    }

    private SeedPlanPublish() {
    }
}
