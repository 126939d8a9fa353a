package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One task to 60 units: from the POST's answer to the 60th webhook call (one per unit, to the global
 * endpoint). One warm-up task, then {@link #RUNS} tasks one after the other, each once the last one's
 * calls all arrived.
 */
final class WideTaskFanOut {

    static final int UNITS = 60;
    static final int RUNS = 5;

    record Result(Latencies allCalls, Latencies post, int lost, long duplicates) {
    }

    static Result measure(Duban d) throws Exception {
        List<String> units = d.newUnits("-fan", UNITS);
        List<Double> all = new ArrayList<>();
        List<Double> post = new ArrayList<>();
        int lost = 0;
        long duplicates = 0;
        for (int i = 0; i <= RUNS; i++) {
            Http.Answer a = Duban.require(d.http.postJson(d.url(Service.TASK) + "/tasks", Duban.taskBody("六十单位基准任务" + i, units)),
                    201, "a task to 60 units");
            String taskId = a.json().path("id").asText();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (arrived(d, taskId, units) < UNITS && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (i == 0) {
                continue;
            }
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

    private static long arrived(Duban d, String taskId, List<String> units) {
        return units.stream().filter(u -> d.receiver.arrivals.first(taskId, u, Deliveries.TYPE).isPresent()).count();
    }

    private WideTaskFanOut() {
    }
}
