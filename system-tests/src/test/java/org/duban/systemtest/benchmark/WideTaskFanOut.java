package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One task to 60 units: from the POST's answer to the 60th webhook call (one per unit, to the global
 * endpoint). {@link #RUNS} tasks one after the other, each once the last one's calls all arrived, after
 * tasks of the same shape sent the same way until the services' JIT is quiet ({@link Warm}).
 */
final class WideTaskFanOut {

    static final int UNITS = 60;
    static final int RUNS = 5;

    record Result(Latencies allCalls, Latencies post, int lost, long duplicates) {
    }

    /** Sixty new units, known to both services. */
    static List<String> units(Duban d) throws Exception {
        return d.newUnits("-fan", UNITS);
    }

    /** Tasks to the 60 units, one after the other, each once the last one's calls all arrived; not counted. */
    static final class Warm implements ProcessCpu.Load {
        private final Duban d;
        private final List<String> units;
        private int sent;

        Warm(Duban d, List<String> units) {
            this.d = d;
            this.units = units;
        }

        @Override
        public void until(long nanoTime) throws Exception {
            do {
                send(d, units, "六十单位预热任务" + sent++);
            } while (System.nanoTime() < nanoTime);
        }

        int sent() {
            return sent;
        }
    }

    static Result measure(Duban d, List<String> units) throws Exception {
        List<Double> all = new ArrayList<>();
        List<Double> post = new ArrayList<>();
        int lost = 0;
        long duplicates = 0;
        for (int i = 0; i < RUNS; i++) {
            Http.Answer a = send(d, units, "六十单位基准任务" + i);
            String taskId = a.json().path("id").asText();
            long last = Long.MIN_VALUE;
            for (String unit : units) {
                OptionalLong first = d.receiver.arrivals.first(taskId, unit, Deliveries.TYPE);
                if (first.isEmpty()) {
                    lost++;
                } else {
                    last = Math.max(last, first.getAsLong());
                }
                duplicates += d.receiver.arrivals.duplicates(taskId, unit, Deliveries.TYPE);
            }
            all.add((last - a.answeredNanos()) / 1e6);
            post.add(a.millis());
        }
        return new Result(Latencies.ofMillis(all), Latencies.ofMillis(post), lost, duplicates);
    }

    /** A task to the units, answered, and waited for until all its calls arrived (at most 120 s). */
    private static Http.Answer send(Duban d, List<String> units, String text) throws InterruptedException {
        Http.Answer a = Duban.require(d.http.postJson(d.url(Service.TASK) + "/tasks", Duban.taskBody(text, units)),
                201, "a task to 60 units");
        String taskId = a.json().path("id").asText();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (arrived(d, taskId, units) < units.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return a;
    }

    private static long arrived(Duban d, String taskId, List<String> units) {
        return units.stream().filter(u -> d.receiver.arrivals.first(taskId, u, Deliveries.TYPE).isPresent()).count();
    }

    private WideTaskFanOut() {
    }
}
