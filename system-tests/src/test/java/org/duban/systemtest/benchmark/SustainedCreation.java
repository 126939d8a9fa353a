package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sustained task-creation rate: {@link #IN_FLIGHT} callers each POSTing a task (1 unit) as soon as
 * their last one was answered, for {@link #SECONDS} s after {@link #WARMUP_SECONDS} s not counted; the
 * rate is the 201 answers per second of the measured window, with the POSTs' p50/p99. The tasks'
 * notifications are then checked on every channel like any load's.
 */
final class SustainedCreation {

    static final int IN_FLIGHT = 16;
    static final int WARMUP_SECONDS = 3;
    /** {@code -Dduban.benchmark.sustained-seconds=N}: a longer measured window (the JIT's share falls as it goes on). */
    static final int SECONDS = Integer.getInteger("duban.benchmark.sustained-seconds", 15);

    record Result(double perSecond, int acknowledged, Map<Integer, Integer> refused, Latencies post,
                  List<Deliveries.Channel> channels) {
    }

    static Result measure(Duban d) throws Exception {
        List<Deliveries.Acknowledged> acked = new CopyOnWriteArrayList<>();
        List<Double> post = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger counted = new AtomicInteger();
        Semaphore callers = new Semaphore(IN_FLIGHT);
        String url = d.url(Service.TASK) + "/tasks";
        long start = System.nanoTime();
        long from = start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        long until = from + TimeUnit.SECONDS.toNanos(SECONDS);
        for (int i = 0; System.nanoTime() < until; i++) {
            callers.acquire();
            String unit = d.units.get(i % d.units.size());
            d.http.postAsync(url, "application/json", Duban.taskBody("持续基准任务" + i, List.of(unit)))
                    .whenComplete((a, failure) -> {
                        callers.release();
                        if (failure != null) {
                            refused.merge(0, 1, Integer::sum);
                            return;
                        }
                        if (a.status() != 201) {
                            refused.merge(a.status(), 1, Integer::sum);
                            return;
                        }
                        acked.add(new Deliveries.Acknowledged(a.json().path("id").asText(), unit, a.answeredNanos()));
                        if (a.answeredNanos() >= from && a.answeredNanos() < until) {
                            counted.incrementAndGet();
                            post.add(a.millis());
                        }
                    });
        }
        callers.acquire(IN_FLIGHT);
        return new Result(counted.get() / (double) SECONDS, acked.size(), new TreeMap<>(refused), Latencies.ofMillis(post),
                Deliveries.collect(d, List.copyOf(acked), ChannelLatency.DRAIN_TIMEOUT_MS));
    }

    private SustainedCreation() {
    }
}
