package org.duban.task.task;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * POST /api/v1/tasks inside the test JVM, against the real PostgreSQL: {@value #CALLERS} callers each
 * creating 1-unit tasks back to back for {@value #SECONDS} s (after a warm-up), then tasks to 60 units one
 * at a time, then one request at a time ({@value #LONE} each after {@value #LONE_WARM_UP}: a 1-unit POST, a
 * {@code GET /tasks?limit=1}, {@code GET /q/health}: what a lone request costs beyond its work; with
 * {@code -Dduban.benchmark.lone-jfr=FILE} that phase alone is recorded, {@code -Dduban.benchmark.lone-only=true}
 * skips the measured load phases). For finding costs (with {@code -Dduban.benchmark.jfr=FILE} it records the measured phase with JFR),
 * not for the figures (the system-tests harness measures the services as processes). Run:
 * {@code ./mvnw -B -pl task-service -am verify -Dtest=TaskCreateBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dduban.excludedGroups=none}.
 * Results are printed and appended to target/benchmarks.txt.
 */
@QuarkusTest
@Tag("benchmark")
class TaskCreateBenchmark {

    static final int CALLERS = 16;
    /** Measured seconds; {@code -Dduban.benchmark.seconds=N} for a longer run (a loaded machine JIT-compiles slowly). */
    static final int SECONDS = Integer.getInteger("duban.benchmark.seconds", 15);
    static final int WARM_UP_SECONDS = Integer.getInteger("duban.benchmark.warm-up-seconds", 10);
    static final int WIDE = 60;
    static final int WIDE_RUNS = 30;
    static final int LONE = 300;
    static final int LONE_WARM_UP = 100;

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String bearer = "Bearer " + TestKeys.token("supervisor");

    @Test
    void createTasks() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> units = new ArrayList<>();
        for (int i = 0; i < WIDE; i++) {
            units.add("b" + i + "-" + suffix);
            RegistryUnits.publish(units.get(i), "珠海市基准单位" + i + "号", true, 0);
        }
        units.forEach(code -> RegistryUnits.awaitReplica(code, 0, true));
        String url = RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/tasks";

        long postmaster = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ProcessHandle.of(
                ((Number) Task.getEntityManager().createNativeQuery("SELECT pg_backend_pid()").getSingleResult()).longValue())
                .flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L));
        run(url, units, WARM_UP_SECONDS); // warm-up (JIT)
        if (Boolean.getBoolean("duban.benchmark.lone-only")) {
            lone(url, units);
            return;
        }
        List<Long> one = new ArrayList<>();
        // -Dduban.benchmark.jfr=FILE: a flight recording (profile settings) of the measured phase only
        String jfr = System.getProperty("duban.benchmark.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        long[] cpu0 = cpu(postmaster);
        java.time.Instant from = java.time.Instant.now();
        long t0 = System.nanoTime();
        int created = run(url, units, SECONDS, one);
        double rate = created / ((System.nanoTime() - t0) / 1e9);
        long[] cpu1 = cpu(postmaster);
        java.time.Instant to = java.time.Instant.now();
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
        }
        String perTask = String.format(java.util.Locale.ROOT,
                "CPU per task: request threads %.2f ms (event loops %.2f, workers %.2f), whole JVM %.2f ms "
                        + "(incl. the callers, the relay and the embedded Kafka broker), PostgreSQL %.2f ms",
                (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) / 1e6 / created, (cpu1[0] - cpu0[0]) / 1e6 / created,
                (cpu1[1] - cpu0[1]) / 1e6 / created, (cpu1[2] - cpu0[2]) / 1e6 / created,
                (cpu1[3] - cpu0[3]) / 1e6 / created);

        List<Long> wide = new ArrayList<>();
        for (int i = 0; i < WIDE_RUNS + 5; i++) {
            long s = System.nanoTime();
            post(url, body("六十单位任务" + i, units));
            if (i >= 5) {
                wide.add((System.nanoTime() - s) / 1_000);
            }
        }
        lone(url, units);
        String line = String.format(java.util.Locale.ROOT,
                "TaskCreateBenchmark: %d callers, 1 unit (%d s after %d s, %s to %s): %.0f tasks/s, POST %s, %s; %d units one at a time: POST %s; "
                        + "verified-token cache size %s, datasource max-size %s; load average %.1f",
                CALLERS, SECONDS, WARM_UP_SECONDS, from, to, rate, summary(one), perTask, WIDE, summary(wide),
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("duban.jwt.verified-tokens.max-size", String.class).orElse("default"),
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.datasource.jdbc.max-size", String.class).orElse("default"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(line);
        Files.writeString(Path.of("target", "benchmarks.txt"), java.time.LocalDate.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * One request at a time, nothing else running: a 1-unit POST, the smallest list read and the health check,
     * each {@value #LONE} times after {@value #LONE_WARM_UP}; printed and appended to target/benchmarks.txt.
     */
    private void lone(String url, List<String> units) throws Exception {
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        String jfr = System.getProperty("duban.benchmark.lone-jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            // a lone request's waits are short: every socket read and write and every park of 1 ms or more
            for (String wait : List.of("jdk.SocketRead", "jdk.SocketWrite", "jdk.ThreadPark", "jdk.JavaMonitorEnter")) {
                recording.enable(wait).withThreshold(java.time.Duration.ofMillis(wait.startsWith("jdk.Socket") ? 0 : 1))
                        .withStackTrace();
            }
            recording.start();
        }
        java.time.Instant from = java.time.Instant.now();
        String post = summary(lone(() -> post(url, body("单独任务", List.of(units.get(0))))));
        String list = summary(lone(() -> get(base + "/api/v1/tasks?limit=1")));
        String health = summary(lone(() -> get(base + "/q/health")));
        java.time.Instant to = java.time.Instant.now();
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
        }
        String line = String.format(java.util.Locale.ROOT,
                "TaskCreateBenchmark, one request at a time (%s to %s): POST /tasks (1 unit) %s; GET /tasks?limit=1 %s; "
                        + "GET /q/health %s; load average %.1f", from, to, post, list, health,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(line);
        Files.writeString(Path.of("target", "benchmarks.txt"), java.time.LocalDate.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    interface Call {
        void run() throws Exception;
    }

    /** The micros of each of {@value #LONE} calls, one at a time, after {@value #LONE_WARM_UP} not counted. */
    private static List<Long> lone(Call call) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < LONE_WARM_UP + LONE; i++) {
            long s = System.nanoTime();
            call.run();
            if (i >= LONE_WARM_UP) {
                micros.add((System.nanoTime() - s) / 1_000);
            }
        }
        return micros;
    }

    private void get(String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    /**
     * CPU ns so far: the event-loop threads, the worker threads ({@code executor-thread-*}; together the
     * request threads), the whole JVM, the PostgreSQL server (postmaster, backends and ended backends, /proc).
     */
    private static long[] cpu(long postmaster) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long loops = 0;
        long workers = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long ns = Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            if (t.getThreadName().startsWith("vert.x-eventloop-thread")) {
                loops += ns;
            } else if (t.getThreadName().startsWith("executor-thread")) {
                workers += ns;
            }
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long pg = 0;
        if (postmaster > 0) {
            pg = ticks(postmaster, true);
            for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
                pg += ticks(child.pid(), false);
            }
        }
        return new long[]{loops, workers, jvm, pg * 10_000_000L}; // USER_HZ = 100
    }

    private static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14..17 of proc(5): utime, stime, cutime, cstime (f[0] is field 3)
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (Exception e) {
            return 0; // ended meanwhile: counted in the postmaster's cutime
        }
    }

    private int run(String url, List<String> units, int seconds) throws Exception {
        return run(url, units, seconds, new ArrayList<>());
    }

    /** {@link #CALLERS} callers posting 1-unit tasks back to back for {@code seconds}; the micros of each POST. */
    private int run(String url, List<String> units, int seconds, List<Long> micros) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<List<Long>>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                String unit = units.get(c % units.size());
                callers.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; System.nanoTime() < end; i++) {
                        long s = System.nanoTime();
                        post(url, body("基准任务" + i, List.of(unit)));
                        mine.add((System.nanoTime() - s) / 1_000);
                    }
                    return mine;
                }));
            }
            int n = 0;
            for (Future<List<Long>> f : callers) {
                List<Long> mine = f.get();
                micros.addAll(mine);
                n += mine.size();
            }
            return n;
        } finally {
            pool.shutdown();
        }
    }

    private void post(String url, String json) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    private static String body(String title, List<String> codes) {
        return """
                {"title":"%s","deadline":"2099-12-31","unitCodes":[%s]}""".formatted(title,
                codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")));
    }

    private static String summary(List<Long> micros) {
        List<Long> s = new ArrayList<>(micros);
        Collections.sort(s);
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms", s.size(), s.get(s.size() / 2) / 1000.0,
                s.get((int) Math.ceil(s.size() * 0.99) - 1) / 1000.0);
    }
}
