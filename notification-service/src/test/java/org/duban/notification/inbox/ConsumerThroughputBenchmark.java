package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.duban.infra.TestInfra;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.unit.UnitReplica;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16: how many task events a second the inbox consumer applies. EVENTS task.assigned records
 * (each its own task, one unit each, as a task created with one unit causes), spread over UNITS units
 * each with one subscribed webhook endpoint, are written to the real broker at once; the clock runs from
 * the first record sent until every inbox notification and every webhook delivery row is in the
 * database (the webhook calls themselves are not waited for: that is the delivery worker's figure).
 * A warm-up round first, so the figure is of a warm JVM. Besides the wall clock (which, on a machine
 * shared with other builds, says more about the load than about the code), it reports the CPU time per
 * event of the consumer's threads and of the PostgreSQL server (Linux /proc), which the load barely moves.
 */
@QuarkusTest
@Tag("benchmark")
class ConsumerThroughputBenchmark {

    private static final int UNITS = 10;
    private static final int WARM_UP = 500;
    private static final int EVENTS = 3000;

    @Test
    void taskEventsPerSecond() throws Exception {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add(TaskEvents.newUnit());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code in ?1", units)) == UNITS);
        long postmaster = QuarkusTransaction.requiringNew().call(() -> ProcessHandle.of(((Number) Notification
                .getEntityManager().createNativeQuery("SELECT pg_backend_pid()").getSingleResult()).longValue())
                .flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L));
        try (Receiver receiver = new Receiver()) {
            for (String unit : units) {
                given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                        .post("/api/v1/webhooks").then().statusCode(201);
            }
            round(units, WARM_UP, 0, postmaster);
            long[] r = round(units, EVENTS, WARM_UP, postmaster);
            String line = String.format("%s inbox consumer: %d task.assigned events (1 unit each, %d units, a webhook "
                            + "endpoint each) written at once in %d ms; all %d inbox rows and webhook delivery rows "
                            + "%d ms after the first send: %.0f events/s; CPU per event: consumer threads %.2f ms, "
                            + "PostgreSQL %.2f ms; load average %.1f",
                    LocalDate.now(), EVENTS, UNITS, r[0], EVENTS, r[1], EVENTS * 1000.0 / r[1],
                    r[2] / 1e6 / EVENTS, r[3] / 1e6 / EVENTS,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println(line);
            Files.writeString(Path.of("target/benchmarks.txt"), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * @return ms to write the records, ms until every inbox and delivery row exists, CPU ns of the consumer's
     * threads (the {@code @Blocking} workers, {@code executor-thread-*}), CPU ns of the PostgreSQL server
     */
    private static long[] round(List<String> units, int events, long before, long postmaster) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long start;
        long written;
        long cpu0 = consumerCpu();
        long pg0 = postgresCpu(postmaster);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                UUID taskId = UUID.randomUUID();
                UUID a = UUID.randomUUID();
                String unit = units.get(i % units.size());
                producer.send(TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.assigned",
                        a.toString(), TaskEvents.assignedJson(taskId, a, unit, "单位" + unit, "LEAD",
                                "吞吐" + run + "-" + i, "2026-12-31")));
            }
            producer.flush();
            written = System.nanoTime();
        }
        long expected = 2 * (before + events);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> Notification.count("unitCode in ?1", units)
                        + Delivery.count("unitCode in ?1 and channel = ?2", units, Delivery.WEBHOOK)) == expected);
        long done = System.nanoTime();
        return new long[]{(written - start) / 1_000_000, (done - start) / 1_000_000, consumerCpu() - cpu0,
                postgresCpu(postmaster) - pg0};
    }

    /** CPU time of the threads the consumer runs on (SmallRye's @Blocking workers). */
    private static long consumerCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("executor-thread")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** CPU time of the PostgreSQL server (the postmaster, its live backends and those that ended), from /proc. */
    private static long postgresCpu(long postmaster) throws Exception {
        if (postmaster < 0) {
            return 0;
        }
        long ticks = ticks(postmaster, true);
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
            ticks += ticks(child.pid(), false);
        }
        return ticks * 10_000_000L; // USER_HZ = 100
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
}
