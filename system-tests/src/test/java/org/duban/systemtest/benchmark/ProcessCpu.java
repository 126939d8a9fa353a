package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during each phase of the run (issue 16: is a latency CPU contention?), from the
 * kernel's own accounting: {@code /proc/<pid>/stat} utime+stime of each service process, of PostgreSQL's
 * processes together (the postmaster, with the time of its exited children, and every live child: backends,
 * WAL writer, checkpointer …), and of the harness JVM itself (which hosts the embedded Kafka broker and every
 * client); per thread, the JIT compiler threads of the services ({@code /proc/<pid>/task/<tid>/stat}) and, in the
 * harness JVM, the broker's threads and the inbox watcher (by Java thread name, {@link ThreadMXBean}); the rest of
 * the machine from {@code /proc/stat} (other processes: on a shared machine, other builds). A detailed phase (idle,
 * sustained) has sub-rows splitting the harness JVM by {@link HarnessGroup}, and {@link #perTask} gives its CPU per
 * created task. Each figure is a share
 * of the phase's capacity: CPU seconds / (wall seconds × cores), so 100 % is every core busy for the whole phase.
 * Linux only; a figure that cannot be read is left empty.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux the project runs on). */
    static final double TICKS = 100.0;
    /** The embedded broker's threads in the harness JVM (Kafka 4 in KRaft mode), by Java thread name. */
    static final Pattern BROKER_THREAD = Pattern.compile(
            "(?i).*(kafka|broker|raft|quorum|controller|data-plane|ExpirationReaper|LogDirFailureHandler|group-coordinator"
                    + "|share-coordinator|transaction|metrics-meter|log-cleaner|remote-log|node-to-controller).*");
    /** HotSpot's own threads (kernel names, 15 characters at most): G1's workers and the VM thread. */
    static final Pattern COMPILER_THREAD = Pattern.compile(".*CompilerThre.*");
    static final Pattern VM_THREAD = Pattern.compile("GC Thread#\\d+|G1 .*|VM Thread|VM Periodic Tas");
    /** The services in {@link Service}'s order (registry, task, notification), then the rest. */
    static final String[] COLUMNS = {Service.values()[0].module, Service.values()[1].module, Service.values()[2].module,
            "services' JIT compiler threads", "PostgreSQL", "… of it the inbox watcher's backend", "harness JVM",
            "… of it Kafka broker threads", "… of it the inbox watcher", "… of it JIT compiler threads", "other processes",
            "machine idle", "stolen by the host"};
    private static final int SERVICES_JIT = 3;
    private static final int POSTGRES = 4;
    private static final int WATCHER_BACKEND = 5;
    private static final int HARNESS = 6;
    private static final int BROKER = 7;
    private static final int WATCHER = 8;
    private static final int HARNESS_JIT = 9;
    private static final int OTHERS = 10;
    private static final int IDLE = 11;
    private static final int STEAL = 12;

    /**
     * The harness JVM's threads by what they do, for the sub-rows of a detailed phase (Java threads by their
     * {@link ThreadMXBean} names; the JVM's own — JIT, GC — by their kernel names in {@code /proc/<pid>/task}): what
     * the measuring instrument costs, and of that what the broker costs against the clients.
     */
    enum HarnessGroup {
        BROKER("the embedded Kafka broker's threads"),
        CALLERS("the HTTP callers (java.net.http: the load's POSTs and the harness's GETs)"),
        SSE("the SSE clients (their own java.net.http client and a reading thread per stream)"),
        RECEIVER("the webhook receiver (JDK HTTP server)"),
        WATCHER("the inbox watcher"),
        MAIN("the test's main thread (schedules the load, awaits and checks the arrivals, this table)"),
        JIT("the harness's JIT compiler threads"),
        GC("the harness's GC and VM threads"),
        OTHER("other threads (JDBC, JUnit, JMX …)");

        final String label;

        HarnessGroup(String label) {
            this.label = label;
        }
    }

    private final Map<Service, Long> services = new LinkedHashMap<>();
    private final long postmaster;
    private final long watcherBackend;
    private final long harness = ProcessHandle.current().pid();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<String> rows = new ArrayList<>();
    private final Pattern callers;
    private final Pattern sse;
    /** The detailed phases' differences by name, for {@link #perTask}. */
    private final Map<String, Snapshot> detailed = new HashMap<>();

    /** {@code anyDatabase}: a connection to the suite's PostgreSQL, to find its postmaster (its backend's parent). */
    ProcessCpu(Duban d, Connection anyDatabase) throws SQLException {
        for (Service s : Service.values()) {
            services.put(s, d.suite.process(s).pid());
        }
        long backend;
        try (Statement st = anyDatabase.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
        }
        postmaster = stat(backend).map(f -> Long.parseLong(f[3])).orElse(-1L);
        watcherBackend = d.inbox.backendPid();
        callers = Pattern.compile("http-callers-\\d+|HttpClient-" + Http.clientId(d.http.client()) + "-.*");
        sse = Pattern.compile("sse-.*|HttpClient-" + Http.clientId(d.sseClient) + "-.*");
        threads.setThreadCpuTimeEnabled(true);
    }

    /** Runs one phase of the run and notes where the CPU went meanwhile. */
    <T> T phase(String name, Callable<T> phase) throws Exception {
        return phase(name, false, phase);
    }

    /**
     * The same; {@code detailed}: with sub-rows splitting the harness JVM's share by {@link HarnessGroup}, and the
     * phase's CPU kept for {@link #perTask}.
     */
    <T> T phase(String name, boolean detailed, Callable<T> phase) throws Exception {
        Snapshot before = take();
        try {
            return phase.call();
        } finally {
            Snapshot d = take().minus(before, this);
            rows.add(d.row(name, cores));
            if (detailed) {
                this.detailed.put(name, d);
                for (HarnessGroup g : HarnessGroup.values()) {
                    rows.add(d.harnessRow(g, cores));
                }
            }
        }
    }

    /**
     * A detailed phase's CPU per task it created, in ms, by column and by the harness's thread group (Markdown
     * lines); with what the services and PostgreSQL alone cost per task, and the rate that would fill the machine's
     * cores with them alone (the harness elsewhere).
     */
    String perTask(String phase, int tasks) {
        Snapshot d = detailed.get(phase);
        if (d == null || tasks == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder("CPU per created task in \"").append(phase).append("\" (").append(tasks)
                .append(" tasks; CPU ms / tasks created in the phase, which includes their drain on every channel):\n\n")
                .append("| column | CPU ms per task |\n|---|---|\n");
        double duban = 0;
        for (int i = 0; i < COLUMNS.length; i++) {
            if (i == IDLE || i == STEAL || i == BROKER || i == WATCHER || i == HARNESS_JIT || Double.isNaN(d.cpu()[i])) {
                continue;
            }
            b.append("| ").append(COLUMNS[i]).append(" | ").append(ms(d.cpu()[i], tasks)).append(" |\n");
            if (i <= 2 || i == POSTGRES) {
                duban += d.cpu()[i];
            }
            if (i == HARNESS) {
                for (HarnessGroup g : HarnessGroup.values()) {
                    b.append("| … ").append(g.label).append(" | ").append(ms(d.harness()[g.ordinal()], tasks)).append(" |\n");
                }
            }
        }
        double watcher = Double.isNaN(d.cpu()[WATCHER_BACKEND]) ? 0 : d.cpu()[WATCHER_BACKEND];
        double perTask = (duban - watcher) * 1000 / tasks;
        return b.append(String.format(Locale.ROOT, "| **the three services and PostgreSQL (without the inbox watcher's "
                        + "backend): %.2f ms — %d cores' capacity allows %.0f tasks/s with nothing else on them** | |\n",
                perTask, cores, cores * 1000 / perTask)).toString();
    }

    private static String ms(double seconds, int tasks) {
        return String.format(Locale.ROOT, "%.3f", seconds * 1000 / tasks);
    }

    /**
     * Waits until the services' JIT compiler threads, and the harness's own, are quiet: each under {@code quietShare} of one core over each of
     * {@code quietSeconds} seconds in a row, at most {@code maxSeconds}; returns the seconds waited (the warm-up's
     * compilations still queued go on for a while after it: measured from this machine, issue 16 h16relay).
     */
    double awaitJitQuiet(double quietShare, int quietSeconds, int maxSeconds) throws Exception {
        return awaitJitQuiet(quietShare, quietSeconds, maxSeconds, until -> Thread.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000)));
    }

    /**
     * The same while {@code load} runs: each second of the wait is spent in {@code load.until(that second's end)}.
     * HotSpot only looks at a method's counters when the method is called, and under load it raises the thresholds
     * with the length of the compile queue: methods the warm-up called thousands of times are compiled only once
     * they are called again on a quiet machine — an idle wait does not see them (a seventh-session JFR recording:
     * 61 C2 compilations per service, 31 s of compile time, during the 47 s "1 task at a time" phase after an idle wait).
     */
    double awaitJitQuiet(double quietShare, int quietSeconds, int maxSeconds, Load load) throws Exception {
        long start = System.nanoTime();
        int quiet = 0;
        Snapshot last = take();
        while (quiet < quietSeconds && System.nanoTime() - start < maxSeconds * 1_000_000_000L) {
            load.until(System.nanoTime() + 1_000_000_000L);
            Snapshot now = take();
            Snapshot d = now.minus(last, this);
            // the harness's own JIT too: its clients' and broker's code compiled before a measured phase, not during it
            quiet = d.cpu()[SERVICES_JIT] / (d.nanos() / 1e9) < quietShare && d.cpu()[HARNESS_JIT] / (d.nanos() / 1e9) < quietShare
                    ? quiet + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** What runs during a JIT-quiet wait. */
    @FunctionalInterface
    interface Load {
        /** Runs until about {@code nanoTime} ({@link System#nanoTime()}), finishing what it started. */
        void until(long nanoTime) throws Exception;
    }

    /** The phases' table (Markdown). */
    String markdown() {
        return "CPU per phase, as a share of the phase's capacity (" + cores + " cores × its wall time; /proc, `ProcessCpu`):\n\n"
                + "| phase | wall s | " + String.join(" | ", COLUMNS) + " |\n"
                + "|---|---|" + "---|".repeat(COLUMNS.length) + "\n" + String.join("\n", rows) + "\n";
    }

    /** CPU seconds by column, with the wall time they were counted over. */
    private record Snapshot(long nanos, double[] cpu, Map<String, Double> perThread, double[] harness) {

        Snapshot minus(Snapshot before, ProcessCpu of) {
            double[] d = new double[cpu.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = cpu[i] - before.cpu[i];
            }
            double[] h = new double[HarnessGroup.values().length];
            // a thread counts from the start of the phase, or from its own start if it was born during it
            for (Map.Entry<String, Double> e : perThread.entrySet()) {
                double t = e.getValue() - before.perThread.getOrDefault(e.getKey(), 0.0);
                String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
                if (name.startsWith("jit ")) {
                    d[SERVICES_JIT] += t;
                    continue;
                }
                HarnessGroup g = of.group(name);
                h[g.ordinal()] += t;
                switch (g) {
                    case JIT -> d[HARNESS_JIT] += t;
                    case WATCHER -> d[WATCHER] += t;
                    case BROKER -> d[BROKER] += t;
                    default -> {
                    }
                }
            }
            double named = 0;
            for (double t : h) {
                named += t;
            }
            h[HarnessGroup.OTHER.ordinal()] += d[HARNESS] - named;
            return new Snapshot(nanos - before.nanos, d, Map.of(), h);
        }

        String harnessRow(HarnessGroup g, int cores) {
            StringBuilder b = new StringBuilder("| … harness JVM: ").append(g.label).append(" |");
            for (int i = 0; i <= COLUMNS.length; i++) {
                b.append(i == HARNESS + 1 ? String.format(Locale.ROOT, " %.1f %% |", 100 * harness[g.ordinal()] / (nanos / 1e9 * cores)) : " |");
            }
            return b.toString();
        }

        String row(String phase, int cores) {
            double capacity = nanos / 1e9 * cores;
            StringBuilder b = new StringBuilder("| ").append(phase).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", nanos / 1e9));
            for (double c : cpu) {
                b.append(" | ").append(Double.isNaN(c) ? "" : String.format(Locale.ROOT, "%.1f %%", 100 * c / capacity));
            }
            return b.append(" |").toString();
        }
    }

    private Snapshot take() {
        double[] cpu = new double[COLUMNS.length];
        Map<String, Double> perThread = new HashMap<>();
        int i = 0;
        for (Map.Entry<Service, Long> s : services.entrySet()) {
            cpu[i++] = seconds(s.getValue(), false);
            jitThreads(s.getValue(), "jit", perThread);
        }
        cpu[POSTGRES] = postgres();
        cpu[WATCHER_BACKEND] = seconds(watcherBackend, false);
        cpu[HARNESS] = seconds(harness, false);
        jitThreads(harness, "harness-jit", perThread);
        vmThreads(harness, perThread);
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null) {
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns > 0) {
                    perThread.put(t.getThreadId() + " " + t.getThreadName(), ns / 1e9);
                }
            }
        }
        double[] machine = machine();
        double ours = 0;
        for (int c : new int[]{0, 1, 2, POSTGRES, HARNESS}) {
            ours += Double.isNaN(cpu[c]) ? 0 : cpu[c];
        }
        cpu[OTHERS] = machine[0] - ours;
        cpu[IDLE] = machine[1];
        cpu[STEAL] = machine[2];
        return new Snapshot(System.nanoTime(), cpu, perThread, null);
    }

    /** The group of one of the harness JVM's threads, by its name (the JVM's own threads' names as {@link #take} keys them). */
    HarnessGroup group(String name) {
        if (name.startsWith("harness-jit ")) {
            return HarnessGroup.JIT;
        } else if (name.startsWith("harness-vm ")) {
            return HarnessGroup.GC;
        } else if (name.equals("inbox-watcher")) {
            return HarnessGroup.WATCHER;
        } else if (name.equals("main")) {
            return HarnessGroup.MAIN;
        } else if (name.startsWith("webhook-receiver-") || name.equals("HTTP-Dispatcher")) {
            return HarnessGroup.RECEIVER;
        } else if (sse.matcher(name).matches()) {
            return HarnessGroup.SSE;
        } else if (callers.matcher(name).matches()) {
            return HarnessGroup.CALLERS;
        } else if (BROKER_THREAD.matcher(name).matches()) {
            return HarnessGroup.BROKER;
        }
        return HarnessGroup.OTHER;
    }

    /** PostgreSQL: the postmaster with its reaped children, and every live child of it. */
    private double postgres() {
        if (postmaster < 0) {
            return Double.NaN;
        }
        double sum = seconds(postmaster, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                sum += stat(Long.parseLong(pid)).filter(f -> Long.parseLong(f[3]) == postmaster)
                        .map(f -> ticks(f, true) / TICKS).orElse(0.0);
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return sum;
    }

    /** The JIT compiler threads' CPU of one JVM ("C2 CompilerThre", "C1 CompilerThre" in the kernel's names). */
    private static void jitThreads(long pid, String kind, Map<String, Double> out) {
        kernelThreads(pid, COMPILER_THREAD, kind, out);
    }

    /** The harness JVM's own threads that are not Java threads (GC, the VM thread), by their kernel names. */
    private static void vmThreads(long pid, Map<String, Double> out) {
        kernelThreads(pid, VM_THREAD, "harness-vm", out);
    }

    /** The CPU seconds of one process's threads whose kernel name matches, keyed "pid/tid kind name". */
    private static void kernelThreads(long pid, Pattern name, String kind, Map<String, Double> out) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                String[] f = fields(t.resolve("stat"));
                if (f != null && name.matcher(f[1]).matches()) {
                    out.put(pid + "/" + t.getFileName() + " " + kind + " " + f[1], ticks(f, false) / TICKS);
                }
            }
        } catch (IOException e) {
            // the process is gone: no threads
        }
    }

    /**
     * [busy, idle, stolen] CPU seconds of the whole machine since boot. Stolen: time this guest's virtual CPUs were
     * ready to run but the host ran something else (a virtual machine's slow hours show here, not as load).
     */
    private static double[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double busy = 0;
            double idle = 0;
            double steal = 0;
            // user nice system idle iowait irq softirq steal (guest time is inside user)
            for (int i = 1; i <= 8 && i < f.length; i++) {
                double v = Long.parseLong(f[i]) / TICKS;
                if (i == 4 || i == 5) {
                    idle += v;
                } else if (i == 8) {
                    steal += v;
                } else {
                    busy += v;
                }
            }
            return new double[]{busy, idle, steal};
        } catch (IOException | RuntimeException e) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN};
        }
    }

    private static double seconds(long pid, boolean withReapedChildren) {
        return stat(pid).map(f -> ticks(f, withReapedChildren) / TICKS).orElse(Double.NaN);
    }

    /** utime + stime (+ cutime + cstime): fields 14–17 of stat(5), counted from 1. */
    private static long ticks(String[] f, boolean withReapedChildren) {
        long t = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return withReapedChildren ? t + Long.parseLong(f[15]) + Long.parseLong(f[16]) : t;
    }

    private static java.util.Optional<String[]> stat(long pid) {
        return java.util.Optional.ofNullable(fields(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * stat(5)'s fields, 0-based: [0] pid, [1] the name (without its parentheses, which may hold spaces), [2] state,
     * [3] ppid, …; null when the process or thread is gone.
     */
    static String[] fields(Path stat) {
        String s;
        try {
            s = Files.readString(stat);
        } catch (IOException e) {
            return null;
        }
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        String[] rest = s.substring(close + 2).trim().split(" ");
        String[] f = new String[rest.length + 2];
        f[0] = s.substring(0, open).trim();
        f[1] = s.substring(open + 1, close);
        System.arraycopy(rest, 0, f, 2, rest.length);
        return f;
    }
}
