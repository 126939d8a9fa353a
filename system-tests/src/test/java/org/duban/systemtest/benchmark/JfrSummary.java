package org.duban.systemtest.benchmark;

import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.stream.*;

/**
 * Summarises a service's flight recording (the harness's opt-in {@code -Dduban.benchmark.jfr=DIR}) over a time
 * window: CPU samples by library, thread, innermost Duban frame and method; GC; allocation by innermost Duban
 * frame. A tool for docs/benchmarks.md "Where the cores go", run by hand, not a test:
 * {@code java system-tests/src/test/java/org/duban/systemtest/benchmark/JfrSummary.java FILE [FROM TO]}
 * (FROM/TO as ISO instants, e.g. 2026-12-02T11:43:21Z; env FOCUS=<method> prints the stacks above that frame).
 */
public class JfrSummary {
    public static void main(String[] a) throws Exception {
        Instant from = a.length > 2 ? Instant.parse(a[1]) : Instant.MIN;
        Instant to = a.length > 2 ? Instant.parse(a[2]) : Instant.MAX;
        Map<String, Integer> self = new HashMap<>(), incl = new HashMap<>(), cat = new HashMap<>(), thread = new HashMap<>();
        Map<String, Integer> duban = new HashMap<>();
        Map<String, Integer> focusStacks = new HashMap<>();
        int samples = 0; double gcMs = 0; int gcs = 0; double pauseMs = 0;
        List<double[]> load = new ArrayList<>();
        Map<String, double[]> threadCpu = new HashMap<>();
        try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                Instant t = e.getStartTime();
                if (t.isBefore(from) || t.isAfter(to)) continue;
                String n = e.getEventType().getName();
                switch (n) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace st = e.getStackTrace();
                        if (st == null) break;
                        samples++;
                        RecordedThread th = e.getThread("sampledThread");
                        String tn = th == null ? "?" : th.getJavaName();
                        thread.merge(tn == null ? "?" : tn.replaceAll("[0-9]+", "N"), 1, Integer::sum);
                        List<RecordedFrame> fr = st.getFrames();
                        if (fr.isEmpty()) break;
                        self.merge(name(fr.get(0)), 1, Integer::sum);
                        Set<String> seen = new HashSet<>(), cats = new LinkedHashSet<>();
                        String firstDuban = null;
                        for (RecordedFrame x : fr) {
                            String m = name(x);
                            if (seen.add(m)) incl.merge(m, 1, Integer::sum);
                            cats.add(category(m));
                            if (firstDuban == null && m.startsWith("org.duban")) firstDuban = m;
                        }
                        for (String c : cats) cat.merge(c, 1, Integer::sum);
                        duban.merge(firstDuban == null ? "(no org.duban frame)" : firstDuban, 1, Integer::sum);
                        String focus = System.getenv("FOCUS");
                        if (focus != null && focus.equals(firstDuban)) {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < Math.min(6, fr.size()); i++) sb.append(" <- ").append(name(fr.get(i)));
                            focusStacks.merge(sb.toString(), 1, Integer::sum);
                        }
                    }
                    case "jdk.GarbageCollection" -> { gcs++; gcMs += e.getDuration().toNanos() / 1e6; pauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6; }
                    case "jdk.CPULoad" -> load.add(new double[]{e.getFloat("jvmUser"), e.getFloat("jvmSystem"), e.getFloat("machineTotal")});
                    case "jdk.ThreadCPULoad" -> {
                        RecordedThread th = e.getThread("eventThread");
                        String tn = th == null || th.getJavaName() == null ? "?" : th.getJavaName().replaceAll("[0-9]+", "N");
                        double[] v = threadCpu.computeIfAbsent(tn, k -> new double[2]);
                        v[0] += e.getFloat("user") + e.getFloat("system"); v[1]++;
                    }
                    default -> { }
                }
            }
        }
        System.out.printf("samples %d; GC %d collections, %.0f ms total, pauses %.0f ms%n", samples, gcs, gcMs, pauseMs);
        if (!load.isEmpty()) {
            double u = load.stream().mapToDouble(x -> x[0]).average().orElse(0), s = load.stream().mapToDouble(x -> x[1]).average().orElse(0),
                    m = load.stream().mapToDouble(x -> x[2]).average().orElse(0);
            System.out.printf("CPU load (share of the machine): jvm user %.1f%% + system %.1f%%, machine %.1f%%%n", u * 100, s * 100, m * 100);
        }
        print("categories (inclusive: a sample counts for every category in its stack)", cat, samples, 20);
        print("threads", thread, samples, 15);
        print("first org.duban frame (the Duban code a sample is under)", duban, samples, 25);
        if (!focusStacks.isEmpty()) print("stacks under FOCUS", focusStacks, samples, 12);
        print("self (top frame)", self, samples, 30);
        print("inclusive methods", incl, samples, 60);
        allocation(a[0], from, to);
    }

    static void allocation(String file, Instant from, Instant to) throws Exception {
        Map<String, Long> byDuban = new HashMap<>(), byClass = new HashMap<>();
        long total = 0; List<String> gcs = new ArrayList<>(); Map<String, Integer> causes = new HashMap<>();
        double heapAfterMax = 0, heapAfterSum = 0; int heapAfterN = 0;
        try (RecordingFile f = new RecordingFile(Path.of(file))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                Instant t = e.getStartTime();
                if (t.isBefore(from) || t.isAfter(to)) continue;
                switch (e.getEventType().getName()) {
                    case "jdk.ObjectAllocationSample" -> {
                        long w = e.getLong("weight"); total += w;
                        RecordedClass c = e.getClass("objectClass");
                        byClass.merge(c == null ? "?" : c.getName(), w, Long::sum);
                        String d = "(no org.duban frame)";
                        if (e.getStackTrace() != null) for (RecordedFrame fr : e.getStackTrace().getFrames()) {
                            String m = fr.getMethod().getType().getName() + "." + fr.getMethod().getName();
                            if (m.startsWith("org.duban")) { d = m; break; }
                        }
                        byDuban.merge(d, w, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> causes.merge(e.getString("name") + "/" + e.getString("cause"), 1, Integer::sum);
                    case "jdk.GCHeapSummary" -> { if ("After GC".equals(e.getString("when"))) { double u = e.getLong("heapUsed") / 1048576.0; heapAfterMax = Math.max(heapAfterMax, u); heapAfterSum += u; heapAfterN++; } }
                    default -> {}
                }
            }
        }
        double secs = from == Instant.MIN ? Double.NaN : Duration.between(from, to).toSeconds();
        System.out.printf("allocated (sampled weight) %.0f MB in %.0f s = %.1f MB/s; heap after GC avg %.0f MB, max %.0f MB (n=%d)%n", total / 1048576.0, secs, total / 1048576.0 / secs, heapAfterN == 0 ? 0 : heapAfterSum / heapAfterN, heapAfterMax, heapAfterN);
        System.out.println("GC: " + causes);
        System.out.println("== allocation by innermost org.duban frame");
        final long tot = total;
        byDuban.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(x -> System.out.printf("%5.1f%%  %s%n", 100.0 * x.getValue() / tot, x.getKey()));
        System.out.println("-- by class");
        byClass.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(x -> System.out.printf("%5.1f%%  %s%n", 100.0 * x.getValue() / tot, x.getKey()));
    }
    static String name(RecordedFrame f) { return f.getMethod().getType().getName() + "." + f.getMethod().getName(); }
    static String category(String m) {
        String[][] c = {{"org.postgresql", "PostgreSQL JDBC driver"}, {"org.hibernate", "Hibernate ORM"}, {"io.agroal", "Agroal pool"},
                {"com.arjuna", "Narayana JTA"}, {"org.apache.kafka", "Kafka client"}, {"io.smallrye.reactive.messaging", "SmallRye messaging"},
                {"com.fasterxml.jackson", "Jackson"}, {"io.netty", "Netty"}, {"io.vertx", "Vert.x"}, {"org.jboss.resteasy", "RESTEasy Reactive"},
                {"io.quarkus", "Quarkus"}, {"io.micrometer", "Micrometer"}, {"io.opentelemetry", "OpenTelemetry"},
                {"io.smallrye.jwt", "SmallRye JWT"}, {"org.jose4j", "jose4j (JWT)"}, {"org.jboss.logmanager", "JBoss LogManager"},
                {"org.duban", "Duban code"}, {"sun.nio", "JDK NIO"}, {"java.util.regex", "regex"}, {"io.smallrye.mutiny", "Mutiny"},
                {"org.flywaydb", "Flyway"}, {"io.smallrye.context", "context propagation"}, {"java.security", "java.security"},
                {"sun.security", "sun.security (crypto)"}};
        for (String[] x : c) if (m.startsWith(x[0])) return x[1];
        return "other";
    }
    static void print(String title, Map<String, Integer> m, int total, int top) {
        System.out.println("== " + title);
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
