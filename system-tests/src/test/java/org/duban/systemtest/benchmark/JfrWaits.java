package org.duban.systemtest.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where threads of a service's flight recording WAITED over a time window (the wall clock that CPU samples do not
 * show): socket reads and writes, parks, monitor waits and sleeps (≥ 10 ms in {@code settings=profile}), summed by
 * thread group and stack. A tool for docs/benchmarks.md ("h16lat"), run by hand, not a test:
 * {@code java system-tests/src/test/java/org/duban/systemtest/benchmark/JfrWaits.java FILE FROM TO [THREAD]}
 * (FROM/TO ISO instants; THREAD a part of the thread name); env {@code STACK=<text>} keeps the waits with a frame
 * containing it (e.g. {@code TaskResource.create}), {@code DEPTH} frames shown (8), {@code TOP} stacks (15).
 */
public class JfrWaits {

    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.SocketRead", "jdk.SocketWrite",
            "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadSleep");

    public static void main(String[] a) throws Exception {
        Instant from = Instant.parse(a[1]);
        Instant to = Instant.parse(a[2]);
        String threadPart = a.length > 3 ? a[3] : "";
        String need = System.getenv("STACK");
        int depth = Integer.parseInt(System.getenv().getOrDefault("DEPTH", "8"));
        int top = Integer.parseInt(System.getenv().getOrDefault("TOP", "15"));
        Map<String, double[]> byStack = new HashMap<>();
        double totalMs = 0;
        int events = 0;
        try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                String type = e.getEventType().getName();
                if (!WAITS.contains(type) || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedThread th = e.getThread();
                String thread = th == null ? "?" : String.valueOf(th.getJavaName());
                RecordedStackTrace st = e.getStackTrace();
                if (!thread.contains(threadPart) || need != null && (st == null
                        || st.getFrames().stream().noneMatch(fr -> method(fr).contains(need)))) {
                    continue;
                }
                StringBuilder key = new StringBuilder(type.substring(4)).append(" [")
                        .append(thread.replaceAll("[0-9]+", "N")).append("]");
                if (st != null) {
                    int shown = 0;
                    for (RecordedFrame fr : st.getFrames()) {
                        String m = method(fr);
                        if (shown == depth || m.startsWith("java.") || m.startsWith("jdk.") || m.startsWith("sun.")) {
                            continue;
                        }
                        key.append("\n     ").append(m).append(':').append(fr.getLineNumber());
                        shown++;
                    }
                }
                double ms = e.getDuration().toNanos() / 1e6;
                double[] v = byStack.computeIfAbsent(key.toString(), k -> new double[3]);
                v[0]++;
                v[1] += ms;
                v[2] = Math.max(v[2], ms);
                totalMs += ms;
                events++;
            }
        }
        System.out.printf("%d waits, %.0f ms in all%n", events, totalMs);
        byStack.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1])).limit(top)
                .forEach(en -> System.out.printf("%7.0f ms, n=%d, max %.0f ms: %s%n", en.getValue()[1],
                        (int) en.getValue()[0], en.getValue()[2], en.getKey()));
    }

    private static String method(RecordedFrame fr) {
        return fr.getMethod().getType().getName() + "." + fr.getMethod().getName();
    }
}
