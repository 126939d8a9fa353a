package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.duban.infra.TestInfra;
import org.duban.notification.Units;
import org.duban.notification.email.SmtpServer;
import org.duban.notification.unit.UnitReplica;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out: TASKS tasks, each assigned to every municipal unit of the Zhuhai demo data (34), with a
 * contact per unit and three subscribed webhook endpoints. Measures the time from the first
 * task.assigned record written to Kafka until every inbox notification is stored, every e-mail is
 * accepted by the SMTP server (GreenMail in the JVM) and every webhook is received and verified.
 */
@QuarkusTest
@Tag("benchmark")
class FanOutBenchmark {

    private static final int TASKS = 20;
    private static final Set<String> MUNICIPAL = Set.of("MUNICIPAL_DEPARTMENT", "DIRECT_AGENCY");

    @Test
    void fanOut() throws Exception {
        JsonNode city = new ObjectMapper().readTree(new File("../deploy/local/demo/zhuhai-2020.json"));
        List<String> codes = new ArrayList<>();
        for (JsonNode u : city.path("units")) {
            if (MUNICIPAL.contains(u.path("type").asText())) {
                String code = u.path("code").asText();
                codes.add(code);
                Units.publish(code, u.path("name").asText(), u.path("type").asText(), Units.withContact(code));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code in ?1", codes)) == codes.size());
        List<Receiver> receivers = new ArrayList<>();
        for (String code : List.of("sfj", "fgj", "zsj")) {
            Receiver r = new Receiver();
            String secret = given().contentType(ContentType.JSON).body(Map.of("url", r.url(), "unitCode", code))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            receivers.add(r.verifyWith(secret));
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        long start = System.nanoTime();
        for (int t = 0; t < TASKS; t++) {
            UUID taskId = UUID.randomUUID();
            boolean lead = true;
            for (String code : codes) {
                UUID a = UUID.randomUUID();
                producer.send(TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.assigned",
                        a.toString(), TaskEvents.assignedJson(taskId, a, code, "单位" + code, lead ? "LEAD" : "RESPONSIBLE",
                                "压测任务" + run + "-" + t, "2026-12-31")));
                lead = false;
            }
        }
        producer.flush();
        long published = System.nanoTime();
        producer.close();
        int notifications = TASKS * codes.size();
        long[] inboxDone = {0};
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long n = QuarkusTransaction.requiringNew().call(() ->
                    Notification.count("title like ?1", "%压测任务" + run + "%"));
            if (n == notifications && inboxDone[0] == 0) {
                inboxDone[0] = System.nanoTime();
            }
            return n == notifications;
        });
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> mails(run) == notifications
                && receivers.stream().mapToLong(r -> r.received().stream().filter(Receiver.Received::verified).count()).sum()
                == 3L * TASKS);
        long all = System.nanoTime();
        receivers.forEach(Receiver::close);

        String line = String.format("%s fan-out %d tasks x %d units: publish %d ms; all %d inbox notifications %d ms "
                        + "(%.0f/s); all %d e-mails and %d verified webhooks %d ms (%.0f e-mails/s)",
                LocalDate.now(), TASKS, codes.size(), ms(start, published), notifications, ms(start, inboxDone[0]),
                notifications * 1000.0 / ms(start, inboxDone[0]), notifications, 3 * TASKS, ms(start, all),
                notifications * 1000.0 / ms(start, all));
        System.out.println(line);
        Files.writeString(Path.of("target/benchmarks.txt"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long mails(String run) throws Exception {
        long n = 0;
        for (MimeMessage m : SmtpServer.get().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains("压测任务" + run)) {
                n++;
            }
        }
        return n;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
