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
 * A warm-up round first, so the figure is of a warm JVM.
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
        try (Receiver receiver = new Receiver()) {
            for (String unit : units) {
                given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                        .post("/api/v1/webhooks").then().statusCode(201);
            }
            round(units, WARM_UP);
            long[] r = round(units, EVENTS);
            String line = String.format("%s inbox consumer: %d task.assigned events (1 unit each, %d units, a webhook "
                            + "endpoint each) written at once in %d ms; all %d inbox rows and webhook delivery rows "
                            + "%d ms after the first send: %.0f events/s",
                    LocalDate.now(), EVENTS, UNITS, r[0], EVENTS, r[1], EVENTS * 1000.0 / r[1]);
            System.out.println(line);
            Files.writeString(Path.of("target/benchmarks.txt"), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** @return ms to write the records, ms until every inbox and delivery row exists */
    private static long[] round(List<String> units, int events) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long start;
        long written;
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
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> Notification.count("title like ?1", "%吞吐" + run + "-%")
                        + Delivery.count("channel = ?1 and payload like ?2", Delivery.WEBHOOK, "%吞吐" + run + "-%"))
                        == 2L * events);
        long done = System.nanoTime();
        return new long[]{(written - start) / 1_000_000, (done - start) / 1_000_000};
    }
}
