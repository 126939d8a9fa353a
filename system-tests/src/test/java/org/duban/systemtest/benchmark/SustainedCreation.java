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
        long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        long until = from + TimeUnit.SECONDS.toNanos(SECONDS);
        callers(d, "持续基准任务", 0, until, (a, unit) -> {
            if (a.status() != 201) {
                refused.merge(a.status(), 1, Integer::sum);
                return;
            }
            acked.add(new Deliveries.Acknowledged(a.json().path("id").asText(), unit, a.answeredNanos()));
            if (a.answeredNanos() >= from && a.answeredNanos() < until) {
                counted.incrementAndGet();
                post.add(a.millis());
            }
        }, () -> refused.merge(0, 1, Integer::sum));
        return new Result(counted.get() / (double) SECONDS, acked.size(), new TreeMap<>(refused), Latencies.ofMillis(post),
                Deliveries.collect(d, List.copyOf(acked), ChannelLatency.DRAIN_TIMEOUT_MS));
    }

    /**
     * The same load, not counted, until the services' JIT compiler threads are quiet under it (the harness's
     * {@link ProcessCpu#awaitJitQuiet}), as the seed plan's and the 60-unit task's shapes are warmed: the
     * 5,000 tasks at 60/s and the trickle leave C2 compiling what only this load runs hot (batches of many
     * events in the relay and the consumer, 16 requests at once) — a tenth session JFR recording had each
     * service's C2 thread busy for 15–17 s of the 19 s phase. Each second ends with every task it created on
     * every channel, so the measured phase starts with nothing queued.
     */
    static final class Warm implements ProcessCpu.Load {
        private final Duban d;
        private final AtomicInteger sent = new AtomicInteger();

        Warm(Duban d) {
            this.d = d;
        }

        @Override
        public void until(long nanoTime) throws Exception {
            List<Deliveries.Acknowledged> acked = new CopyOnWriteArrayList<>();
            List<String> failed = new CopyOnWriteArrayList<>();
            callers(d, "持续预热任务", sent.get(), nanoTime, (a, unit) -> {
                if (a.status() == 201) {
                    acked.add(new Deliveries.Acknowledged(a.json().path("id").asText(), unit, a.answeredNanos()));
                } else {
                    failed.add("HTTP " + a.status() + " " + a.body());
                }
            }, () -> failed.add("no answer"));
            if (!failed.isEmpty()) {
                throw new IllegalStateException("sustained warm-up tasks refused: " + failed.size() + ", first: " + failed.get(0));
            }
            sent.addAndGet(acked.size());
            if (!Deliveries.await(d, List.copyOf(acked), ChannelLatency.DRAIN_TIMEOUT_MS)) {
                throw new IllegalStateException("the sustained warm-up's tasks did not reach every channel");
            }
        }

        int sent() {
            return sent.get();
        }
    }

    /** {@link #IN_FLIGHT} callers, each POSTing its next task when its last was answered, until {@code until}. */
    private static void callers(Duban d, String title, int first, long until, Answered answered, Runnable failed) throws Exception {
        Semaphore callers = new Semaphore(IN_FLIGHT);
        String url = d.url(Service.TASK) + "/tasks";
        for (int i = first; System.nanoTime() < until; i++) {
            callers.acquire();
            String unit = d.units.get(i % d.units.size());
            d.http.postAsync(url, "application/json", Duban.taskBody(title + i, List.of(unit)))
                    .whenComplete((a, failure) -> {
                        try {
                            if (failure != null) {
                                failed.run();
                            } else {
                                answered.accept(a, unit);
                            }
                        } finally {
                            callers.release();
                        }
                    });
        }
        callers.acquire(IN_FLIGHT);
    }

    private interface Answered {
        void accept(Http.Answer a, String unit);
    }

    private SustainedCreation() {
    }
}
