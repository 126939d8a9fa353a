package org.duban.systemtest.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run's table (Markdown): each figure beside the bare figure it is compared with and the ratio.
 * Channel latencies are compared with the Kafka round trip (p50 with p50, p99 with p99), POST answers
 * with a one-row INSERT commit, a plan's publish call with a 60-row INSERT commit (p50), and the
 * "until all arrived" times of a plan or a wide task with the Kafka round trip's p99.
 */
final class Report {

    private final List<String> rows = new ArrayList<>();
    private String cpu = "";
    private Latencies kafka;
    private InsertCommit.Result insert;
    private String statements = "";
    private String perTask = "";

    void bare(Latencies kafkaRoundTrip, InsertCommit.Result insertCommit) {
        this.kafka = kafkaRoundTrip;
        this.insert = insertCommit;
        row("bare: Kafka round trip, acks=all, produce → consume", kafka, "", "");
        row("bare: INSERT 1 row + COMMIT", insert.singleRow(), "", "");
        row("bare: INSERT 60 rows (one batch) + COMMIT", insert.sixtyRows(), "", "");
    }

    /**
     * The Kafka round trip measured again once the suite is warm and idle, just before the measured loads: the
     * first measurement runs while the services finish starting (their JIT, their first polls), so it says more
     * about the start than about the machine the loads then meet. Ratios from here on use this one.
     */
    void bareAgain(Latencies kafkaRoundTrip) {
        this.kafka = kafkaRoundTrip;
        row("bare: Kafka round trip again, after the warm-ups and the idle phase (the ratios below use this one)",
                kafka, "", "");
    }

    void load(ChannelLatency.Result r) {
        String offered = Double.isNaN(r.firedPerSecond()) ? r.fired() + " sent"
                : String.format(Locale.ROOT, "%d fired at %.1f/s", r.fired(), r.firedPerSecond());
        row(r.load() + ": POST /tasks answered", r.post(), ratios(r.post(), insert.singleRow(), "1-row INSERT"),
                offered + ", " + r.acknowledged() + " acknowledged" + refused(r.refused()));
        channels(r.load(), r.channels());
    }

    void sustained(SustainedCreation.Result r) {
        row(String.format(Locale.ROOT, "sustained creation: **%.0f tasks/s** (%d in flight, %d s), POST answered",
                        r.perSecond(), SustainedCreation.IN_FLIGHT, SustainedCreation.SECONDS), r.post(),
                ratios(r.post(), insert.singleRow(), "1-row INSERT"), r.acknowledged() + " acknowledged" + refused(r.refused()));
        channels("sustained", r.channels());
    }

    void seed(SeedPlanPublish.Result r) {
        String note = r.complete() ? "" : " INCOMPLETE: not all arrived within the timeout;";
        single("seed plan: publish call (" + r.assignments() + " assignments)", r.publishMillis(),
                ratio(r.publishMillis(), insert.sixtyRows().p(50), "60-row INSERT p50"), note);
        single("seed plan: publish answered → all " + r.inboxRows() + " task.assigned inbox rows", r.allInboxMillis(),
                ratio(r.allInboxMillis(), kafka.p(99), "Kafka p99"), note + " in the database: " + r.rowsInDatabase()
                        + " (lost " + Math.max(0, r.assignments() - r.rowsInDatabase())
                        + ", duplicates " + Math.max(0, r.rowsInDatabase() - r.assignments()) + ")");
        single("seed plan: publish answered → all " + r.webhookIds() + " webhook calls", r.allWebhooksMillis(),
                ratio(r.allWebhooksMillis(), kafka.p(99), "Kafka p99"), note + " distinct webhook-ids " + r.webhookIds()
                        + " for " + r.assignments() + " notifications");
    }

    /** The first warm-up copy of the seed plan: its shape published for the first time since the services started. */
    void seedFirst(SeedPlanPublish.Result r, int copies) {
        String note = "first of " + copies + " warm-up copies (other document numbers), its shape's first publish since the services started";
        single("seed plan's shape, first publish: publish call", r.publishMillis(),
                ratio(r.publishMillis(), insert.sixtyRows().p(50), "60-row INSERT p50"), note);
        single("seed plan's shape, first publish: → all " + r.inboxRows() + " inbox rows", r.allInboxMillis(),
                ratio(r.allInboxMillis(), kafka.p(99), "Kafka p99"), note);
        single("seed plan's shape, first publish: → all " + r.webhookIds() + " webhook calls", r.allWebhooksMillis(),
                ratio(r.allWebhooksMillis(), kafka.p(99), "Kafka p99"), note);
    }

    void fanOut(WideTaskFanOut.Result r) {
        row("one task to 60 units: POST answered", r.post(), ratios(r.post(), insert.singleRow(), "1-row INSERT"), "");
        row("one task to 60 units: POST answered → all 60 webhook calls", r.allCalls(),
                ratios(r.allCalls(), kafka, "Kafka"), "lost " + r.lost() + ", duplicates " + r.duplicates());
    }

    /** Where a load's time went along the path of a task event (PathTimes): a diagnosis beside the load's rows. */
    void path(String load, List<PathTimes.Segment> segments) {
        for (PathTimes.Segment s : segments) {
            row(load + ", path: " + s.name(), s.latency(), "", "");
        }
    }

    /** PostgreSQL's statements of a phase ({@link PgStatements}): a table after the CPU's, if any. */
    void statements(String table) {
        statements += table;
    }

    /** A phase's CPU per created task ({@link ProcessCpu#perTask}): a table after the CPU's. */
    void perTask(String table) {
        perTask += table.isEmpty() ? "" : "\n" + table;
    }

    /** Where the machine's CPU went, phase by phase: a table after the figures. */
    void cpu(ProcessCpu phases) {
        cpu = "\n" + phases.markdown();
    }

    private void channels(String load, List<Deliveries.Channel> channels) {
        for (Deliveries.Channel c : channels) {
            String name = switch (c.name()) {
                case "inbox" -> "inbox row committed";
                case "sse" -> "SSE event read";
                default -> "webhook call received";
            };
            row(load + ": " + name, c.latency(), ratios(c.latency(), kafka, "Kafka"),
                    "lost " + c.lost() + ", duplicates " + c.duplicates() + (c.name().equals("webhook") ? ", retries " + c.repeats() : ""));
        }
    }

    String markdown(String heading) {
        return heading + "\n\n| measurement | n | p50 ms | p95 ms | p99 ms | ratio to the bare figure | loss, duplicates, notes |\n"
                + "|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n" + cpu + perTask + statements;
    }

    private void row(String what, Latencies l, String ratio, String note) {
        rows.add("| " + what + " | " + l.n() + " | " + ms(l.p(50)) + " | " + ms(l.p(95)) + " | " + ms(l.p(99)) + " | "
                + ratio + " | " + note + " |");
    }

    private void single(String what, double millis, String ratio, String note) {
        rows.add("| " + what + " | 1 | " + ms(millis) + " | | | " + ratio + " | " + note + " |");
    }

    private static String ratios(Latencies l, Latencies bare, String what) {
        return String.format(Locale.ROOT, "p50 ×%.1f, p99 ×%.1f %s", l.p(50) / bare.p(50), l.p(99) / bare.p(99), what);
    }

    private static String ratio(double millis, double bare, String what) {
        return String.format(Locale.ROOT, "×%.1f %s", millis / bare, what);
    }

    private static String refused(Map<Integer, Integer> refused) {
        return refused.isEmpty() ? "" : ", not acknowledged: " + refused.entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "no answer within 60 s" : "HTTP " + e.getKey()) + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(millis) < 100 ? "%.1f" : "%,.0f", millis);
    }
}
