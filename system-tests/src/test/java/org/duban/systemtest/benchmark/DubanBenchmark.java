package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.duban.systemtest.Suite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Issue 16's benchmark harness: from ONE run of the suite as the local run starts it (the three services
 * as processes from their jars, with production JVM flags, on a real Kafka broker and PostgreSQL with
 * fsync on), one table of every figure next to the machine's bare limits:
 * <ol>
 * <li>bare: Kafka round trip (acks=all) and INSERT commits of 1 and 60 rows on the same servers;</li>
 * <li>task created → inbox row committed / SSE event read / webhook call received, at 1 task at a time,
 *     and open loop at 50 and 200 tasks/s offered, with loss and duplicates per channel;</li>
 * <li>the sustained task-creation rate;</li>
 * <li>the seed plan's publish, and until all its inbox rows and webhook calls arrived (after copies of it, so its
 *     paths are compiled: the first copy's figures are reported too);</li>
 * <li>one task to 60 units, until all 60 webhook calls arrived (after tasks of that shape).</li>
 * </ol>
 * Not part of the test command (tag {@code benchmark}). Run, alone (docs/benchmarks.md):
 * {@code ./mvnw -B -pl system-tests -am verify -Dtest=DubanBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dduban.excludedGroups=none}. The table goes to standard output and system-tests/target/duban-benchmark.md.
 */
@Tag("benchmark")
class DubanBenchmark {

    /**
     * The warm-up, before anything is measured: enough tasks that the code run once per task reaches C2 (HotSpot's
     * tiered policy compiles a method with C2 after thousands of calls; after the 500 tasks this harness used to send,
     * the services still ran that code in C1's profiling tier and their JIT threads took 40 % of the machine during "1
     * task at a time" — latency of a JVM being compiled, not of the steady state a deployment is in after minutes).
     * {@code -Dduban.benchmark.warmup-tasks} and {@code -Dduban.benchmark.warmup-rate} change it.
     */
    static final int WARMUP_TASKS = Integer.getInteger("duban.benchmark.warmup-tasks", 5_000);
    static final int WARMUP_RATE = Integer.getInteger("duban.benchmark.warmup-rate", 60);
    /** One at a time before the counted ones: that path's own code (a consumer batch of one, a lone claim) compiled too. */
    static final int SEQUENTIAL_WARMUP = 100;
    static final int SEQUENTIAL_RUNS = 100;
    static final int AT_50_TASKS = 1_000;
    static final int AT_200_TASKS = 3_000;
    static final int STREAMED_UNITS = 10;
    /** After the warm-up, nothing sent for this long: the idle cost of the suite and of the harness's observers. */
    static final int IDLE_SECONDS = 10;
    static final int JIT_QUIET_SECONDS = 3;
    static final int JIT_QUIET_MAX_SECONDS = 120;
    static final int TRICKLE_QUIET_SECONDS = 5;
    static final int TRICKLE_MAX_SECONDS = 240;
    /** The same for the sustained load's, the seed plan's and the 60-unit task's shapes, each (their loads come in bursts of seconds). */
    static final int SHAPE_QUIET_SECONDS = 5;
    static final int SHAPE_MAX_SECONDS = 120;
    /**
     * {@code -Dduban.benchmark.phases=latency}: the bare figures, the warm-up, 1 task at a time and 50/s only (half
     * the run), for before/after pairs of a change to the alert path; {@code =seed}: after the warm-up, only the seed
     * plan and the 60-unit task; {@code =sustained}: after the warm-up, only the sustained creation rate (for
     * before/after pairs of a change to the creation path); {@code =latency,seed} and the like: those together.
     * The table then has just those rows.
     */
    static final String PHASES = System.getProperty("duban.benchmark.phases", "all");
    static final boolean LATENCY = "all".equals(PHASES) || PHASES.contains("latency");
    static final boolean AT_200 = "all".equals(PHASES);
    static final boolean SUSTAINED = "all".equals(PHASES) || PHASES.contains("sustained");
    static final boolean SEED = "all".equals(PHASES) || PHASES.contains("seed");

    @Test
    void everyFigureFromOneRun() throws Exception {
        Suite suite = Suite.production();
        progress("suite ready; bare Kafka round trip and INSERT commits");
        String loadBefore = loadAverage();
        Report report = new Report();
        report.bare(KafkaRoundTrip.measure(suite.infra().bootstrapServers()),
                InsertCommit.measure(suite.infra().database("duban_benchmark"), suite.infra().dbUser(), suite.infra().dbPassword()));

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Duban d = new Duban(suite, receiver);
            // one global endpoint: a call per inbox notification, whichever unit it is for
            Duban.require(d.http.postJson(d.url(Service.NOTIFICATION) + "/webhooks",
                    "{\"url\":\"%s\",\"description\":\"基准测试接收端\"}".formatted(receiver.url())), 201, "the webhook endpoint");
            d.units = d.newUnits("", STREAMED_UNITS);
            d.inbox = new InboxWatcher(suite.jdbcUrl(Service.NOTIFICATION), suite.infra().dbUser(), suite.infra().dbPassword(), d.units);
            for (String unit : d.units) {
                SseListener l = new SseListener(d.http, d.sseClient, d.url(Service.NOTIFICATION), unit, d.sse);
                d.streams.add(l);
                l.awaitOpen();
            }
            ProcessCpu cpu;
            try (java.sql.Connection c = d.db(Service.NOTIFICATION)) {
                cpu = new ProcessCpu(d, c);
            }
            try {
                // the services' hot paths compiled (C2) before anything is measured
                progress("warm-up: " + WARMUP_TASKS + " tasks at " + WARMUP_RATE + "/s");
                cpu.phase("warm-up, " + WARMUP_TASKS + " tasks at " + WARMUP_RATE + "/s",
                        () -> ChannelLatency.openLoop(d, WARMUP_RATE, WARMUP_TASKS));
                // the warm-up's compilations go on after it: the measured phases start once the JIT compilers are quiet
                progress("until the services' JIT compilers are quiet");
                cpu.phase("after the warm-up, until the services' JIT compiler threads are quiet (under 5 % of a core for "
                        + JIT_QUIET_SECONDS + " s in a row, at most " + JIT_QUIET_MAX_SECONDS + " s)",
                        () -> cpu.awaitJitQuiet(0.05, JIT_QUIET_SECONDS, JIT_QUIET_MAX_SECONDS));
                // one task at a time until the JIT is quiet under that load too (see ProcessCpu.awaitJitQuiet)
                progress("one task at a time until the services' JIT compilers are quiet");
                ChannelLatency.Trickle trickle = new ChannelLatency.Trickle(d);
                cpu.phase("one task at a time, not counted, until the services' JIT compiler threads are quiet (under 5 % of a core for "
                        + TRICKLE_QUIET_SECONDS + " s in a row, at most " + TRICKLE_MAX_SECONDS + " s)",
                        () -> cpu.awaitJitQuiet(0.05, TRICKLE_QUIET_SECONDS, TRICKLE_MAX_SECONDS, trickle));
                progress(trickle.sent() + " tasks sent one at a time");
                // nothing sent: what the suite and the harness's observers (inbox watcher, SSE streams, broker) cost idle
                progress("idle " + IDLE_SECONDS + " s");
                cpu.phase("idle, " + IDLE_SECONDS + " s", true, () -> {
                    Thread.sleep(IDLE_SECONDS * 1000L);
                    return null;
                });
                progress("bare Kafka round trip again");
                report.bareAgain(cpu.phase("bare Kafka round trip again, nothing else sent",
                        () -> KafkaRoundTrip.measure(suite.infra().bootstrapServers())));
                if (LATENCY) {
                    progress("1 task at a time");
                    Instant from = Instant.now();
                    RelaySteps.Buckets steps = RelaySteps.scrape(d);
                    report.load(cpu.phase("1 task at a time", () -> ChannelLatency.oneAtATime(d, SEQUENTIAL_WARMUP, SEQUENTIAL_RUNS)));
                    report.path("1 task at a time", PathTimes.measure(d, from, Instant.now()));
                    report.path("1 task at a time", RelaySteps.since(d, steps));
                    progress("50 tasks/s");
                    Instant from50 = Instant.now();
                    RelaySteps.Buckets steps50 = RelaySteps.scrape(d);
                    report.load(cpu.phase("50 tasks/s", () -> ChannelLatency.openLoop(d, 50, AT_50_TASKS)));
                    report.path("50 tasks/s", PathTimes.measure(d, from50, Instant.now()));
                    report.path("50 tasks/s", RelaySteps.since(d, steps50));
                }
                if (AT_200) {
                    progress("200 tasks/s");
                    report.load(cpu.phase("200 tasks/s", () -> ChannelLatency.openLoop(d, 200, AT_200_TASKS)));
                }
                if (SUSTAINED) {
                    progress("the sustained load until the services' JIT compilers are quiet");
                    SustainedCreation.Warm warm = new SustainedCreation.Warm(d);
                    PgStatements.explain(d, true);
                    cpu.phase("the sustained load, not counted, until the services' JIT compiler threads are quiet (under 5 % of a "
                                    + "core for " + SHAPE_QUIET_SECONDS + " s in a row, at most " + SHAPE_MAX_SECONDS + " s)",
                            () -> cpu.awaitJitQuiet(0.05, SHAPE_QUIET_SECONDS, SHAPE_MAX_SECONDS, warm));
                    progress(warm.sent() + " tasks sent");
                    progress("sustained creation");
                    Instant from = Instant.now();
                    RelaySteps.Buckets steps = RelaySteps.scrape(d);
                    PgStatements.reset(d);
                    Map<String, Long> pgBefore = PgStatements.counters(d);
                    SustainedCreation.Result sustained = cpu.phase("sustained creation", true, () -> SustainedCreation.measure(d));
                    report.perTask(cpu.perTask("sustained creation", sustained.acknowledged()));
                    report.statements(PgStatements.markdown("sustained creation", PgStatements.read(d), sustained.acknowledged()));
                    if (PgStatements.ON) {
                        // the backends' cumulative statistics reach the shared ones when idle, within 10 s (PGSTAT_IDLE_INTERVAL)
                        Thread.sleep(11_000);
                    }
                    report.statements(PgStatements.counters("sustained creation", pgBefore, PgStatements.counters(d),
                            sustained.acknowledged()));
                    report.sustained(sustained);
                    report.path("sustained", PathTimes.measure(d, from, Instant.now()));
                    report.path("sustained", RelaySteps.since(d, steps));
                }
                if (SEED) {
                    SeedPlanPublish.prepare(d);
                    // the plan's and the wide task's paths compiled as the trickle compiled the one-unit task's
                    progress("copies of the seed plan until the services' JIT compilers are quiet");
                    try (SeedPlanPublish.Warm warm = new SeedPlanPublish.Warm(d)) {
                        cpu.phase("copies of the seed plan published one after the other, not counted, until the services' JIT "
                                        + "compiler threads are quiet (under 5 % of a core for " + SHAPE_QUIET_SECONDS
                                        + " s in a row, at most " + SHAPE_MAX_SECONDS + " s)",
                                () -> cpu.awaitJitQuiet(0.05, SHAPE_QUIET_SECONDS, SHAPE_MAX_SECONDS, warm));
                        progress(warm.published() + " copies published");
                        report.seedFirst(warm.first(), warm.published());
                    }
                    progress("seed plan");
                    Instant from = Instant.now();
                    RelaySteps.Buckets steps = RelaySteps.scrape(d);
                    report.seed(cpu.phase("seed plan", () -> SeedPlanPublish.measure(d)));
                    report.path("seed plan", PathTimes.measure(d, from, Instant.now()));
                    report.path("seed plan", RelaySteps.since(d, steps));
                    // the 60 units made after the seed plan: its phrases (市直有关单位 …) would reach them too
                    List<String> wide = WideTaskFanOut.units(d);
                    WideTaskFanOut.Warm wideWarm = new WideTaskFanOut.Warm(d, wide);
                    progress("tasks to 60 units until the services' JIT compilers are quiet");
                    cpu.phase("tasks to 60 units one after the other, not counted, until the services' JIT compiler threads "
                                    + "are quiet (under 5 % of a core for " + SHAPE_QUIET_SECONDS + " s in a row, at most "
                                    + SHAPE_MAX_SECONDS + " s)",
                            () -> cpu.awaitJitQuiet(0.05, SHAPE_QUIET_SECONDS, SHAPE_MAX_SECONDS, wideWarm));
                    progress(wideWarm.sent() + " tasks to 60 units sent");
                    progress("one task to 60 units");
                    report.fanOut(cpu.phase("one task to 60 units", () -> WideTaskFanOut.measure(d, wide)));
                }
                report.cpu(cpu);
            } finally {
                for (SseListener l : d.streams) {
                    if (l.broken != null) {
                        throw new IllegalStateException("an SSE stream broke during the run", l.broken);
                    }
                    l.close();
                }
                if (d.inbox.broken != null) {
                    throw new IllegalStateException("the inbox watcher failed", d.inbox.broken);
                }
                d.inbox.close();
            }
        }

        String heading = "Run " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                + ", services' JVM flags " + String.join(" ", ServiceProcess.Jvm.PRODUCTION.flags)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average before " + loadBefore
                + ", after " + loadAverage();
        String table = report.markdown(heading);
        System.out.println(table);
        Path out = suite.root().resolve("system-tests/target/duban-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void progress(String phase) {
        System.out.println("[benchmark " + java.time.LocalTime.now().withNano(0) + ", load " + loadAverage() + "] " + phase);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
