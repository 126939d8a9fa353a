package org.duban.task.evidence;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heap held by evidence uploads at the production limits (20 MB a file, 51 MB a body), on the default PostgreSQL
 * store: one upload of a 20 MB file, then 8 at once (each to its own assignment). The client streams each body
 * chunked from one 64 KiB block, so the test JVM's heap is the service's. A sampler forces a full GC every 100 ms
 * while the uploads run and keeps the largest heap in use right after it: the live set, garbage left out. Were a
 * file held whole, the peak would exceed the baseline by about n × 20 MB.
 * Run: {@code ./mvnw -B verify -pl task-service -am -Dgroups=benchmark -Dduban.excludedGroups=none
 * -Dtest=EvidenceMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; prints EVIDENCE-MEMORY lines.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(EvidenceMemoryBenchmark.ProductionLimits.class)
class EvidenceMemoryBenchmark {

    public static class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("duban.evidence.max-file-size", "20M", "duban.evidence.max-total-size", "50M",
                    "quarkus.http.limits.max-body-size", "51M");
        }
    }

    static final long FILE = 20L * 1024 * 1024;

    @TestHTTPResource("/")
    URL base;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void heapHeldByMaxSizeUploads() throws Exception {
        run(1, true); // warm-up: classes, pools, the first plan
        for (int n : new int[]{1, 8}) {
            run(n, false);
        }
    }

    private void run(int n, boolean warmUp) throws Exception {
        List<EvidenceFixture> fixtures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EvidenceFixture f = new EvidenceFixture();
            f.accept(f.ownAssignment, f.own);
            fixtures.add(f);
        }
        long baseline = liveHeap();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        ExecutorService clients = Executors.newFixedThreadPool(n);
        long t0 = System.nanoTime();
        sampler.start();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (EvidenceFixture f : fixtures) {
                answers.add(clients.submit(() -> EvidenceFixture.chunkedReport(base, EvidenceFixture.operator(f.own),
                        f.ownAssignment, FILE)));
            }
            for (Future<String> a : answers) {
                String answer = a.get();
                assertTrue(answer.startsWith("HTTP/1.1 201"), answer.length() > 500 ? answer.substring(0, 500) : answer);
            }
        } finally {
            running.set(false);
            sampler.join();
            clients.shutdown();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (!warmUp) {
            System.out.printf("EVIDENCE-MEMORY uploads=%d file=%d MB (total %d MB) live heap: baseline=%.1f MB "
                            + "peak=%.1f MB peak-baseline=%.1f MB (%.2f of one file per upload) in %d ms%n",
                    n, FILE >> 20, (n * FILE) >> 20, baseline / 1048576.0, peak.get() / 1048576.0,
                    (peak.get() - baseline) / 1048576.0, (peak.get() - baseline) / (double) (n * FILE), millis);
        }
    }
}
