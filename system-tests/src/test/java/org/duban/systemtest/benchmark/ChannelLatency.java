package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task created → notification on each channel (inbox row committed, SSE event read, webhook call
 * received), from the moment the POST's answer arrived; one unit per task, the benchmark units in turn.
 * Either one task at a time (the next POST once the last reached every channel), or open loop: POSTs
 * fired on a fixed schedule whatever the answers, as independent callers do.
 */
final class ChannelLatency {

    /**
     * One load: what was offered (the rate actually fired), what was acknowledged, answers other than
     * 201 by status (0: no answer), the POSTs' own durations, and each channel's figures.
     */
    record Result(String load, int fired, double firedPerSecond, int acknowledged, Map<Integer, Integer> refused,
                  Latencies post, List<Deliveries.Channel> channels) {
    }

    static final long DRAIN_TIMEOUT_MS = 180_000;

    /** {@code warmup} tasks not counted, then {@code runs} tasks one at a time. */
    static Result oneAtATime(Duban d, int warmup, int runs) throws Exception {
        List<Deliveries.Acknowledged> acked = new ArrayList<>();
        List<Double> post = new ArrayList<>();
        Map<Integer, Integer> refused = new TreeMap<>();
        for (int i = 0; i < warmup + runs; i++) {
            String unit = d.units.get(i % d.units.size());
            Http.Answer a = d.http.postJson(d.url(Service.TASK) + "/tasks", Duban.taskBody("逐一基准任务" + i, List.of(unit)));
            if (a.status() != 201) {
                refused.merge(a.status(), 1, Integer::sum);
                continue;
            }
            Deliveries.Acknowledged ack = new Deliveries.Acknowledged(a.json().path("id").asText(), unit, a.answeredNanos());
            // the next task only once this one reached every channel
            Deliveries.await(d, List.of(ack), 30_000);
            if (i >= warmup) {
                acked.add(ack);
                post.add(a.millis());
            }
        }
        return new Result("1 task at a time", runs, Double.NaN, acked.size(), refused, Latencies.ofMillis(post),
                Deliveries.collect(d, acked, DRAIN_TIMEOUT_MS));
    }

    /** Tasks one at a time, each awaited on every channel, not counted: the load of a JIT-quiet wait. */
    static final class Trickle implements ProcessCpu.Load {
        private final Duban d;
        private int sent;

        Trickle(Duban d) {
            this.d = d;
        }

        @Override
        public void until(long nanoTime) throws Exception {
            while (System.nanoTime() < nanoTime) {
                String unit = d.units.get(sent % d.units.size());
                Http.Answer a = d.http.postJson(d.url(Service.TASK) + "/tasks", Duban.taskBody("预热任务" + sent, List.of(unit)));
                Duban.require(a, 201, "a warm-up task");
                sent++;
                Deliveries.await(d, List.of(new Deliveries.Acknowledged(a.json().path("id").asText(), unit, a.answeredNanos())), 30_000);
            }
        }

        int sent() {
            return sent;
        }
    }

    /** {@code count} POSTs fired at {@code perSecond}, not waiting for answers. */
    static Result openLoop(Duban d, int perSecond, int count) throws Exception {
        List<Deliveries.Acknowledged> acked = new CopyOnWriteArrayList<>();
        List<Double> post = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger fired = new AtomicInteger();
        AtomicLong firstFired = new AtomicLong();
        AtomicLong lastFired = new AtomicLong();
        CountDownLatch answered = new CountDownLatch(count);
        String url = d.url(Service.TASK) + "/tasks";
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> schedule = clock.scheduleAtFixedRate(() -> {
                int i = fired.getAndIncrement();
                if (i >= count) {
                    return;
                }
                long now = System.nanoTime();
                firstFired.compareAndSet(0, now);
                lastFired.set(now);
                String unit = d.units.get(i % d.units.size());
                d.http.postAsync(url, "application/json", Duban.taskBody(perSecond + "每秒基准任务" + i, List.of(unit)))
                        .whenComplete((a, failure) -> {
                            try {
                                if (failure != null) {
                                    refused.merge(0, 1, Integer::sum);
                                } else if (a.status() != 201) {
                                    refused.merge(a.status(), 1, Integer::sum);
                                } else {
                                    acked.add(new Deliveries.Acknowledged(a.json().path("id").asText(), unit, a.answeredNanos()));
                                    post.add(a.millis());
                                }
                            } finally {
                                answered.countDown();
                            }
                        });
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            if (!answered.await(count / perSecond + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(answered.getCount() + " POSTs of " + count + " unanswered after 120 s");
            }
            schedule.cancel(false);
        } finally {
            clock.shutdownNow();
        }
        double rate = (count - 1) / ((lastFired.get() - firstFired.get()) / 1e9);
        return new Result(perSecond + " tasks/s offered", count, rate, acked.size(), new TreeMap<>(refused),
                Latencies.ofMillis(post), Deliveries.collect(d, List.copyOf(acked), DRAIN_TIMEOUT_MS));
    }

    private ChannelLatency() {
    }
}
