package org.duban.systemtest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.duban.infra.KafkaProbe;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No acknowledged write is lost when a process dies, and a webhook call cut off by a crash is repeated promptly. */
class CrashTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void sigkillBetweenTheCommitAndTheRelaysSendLosesNoEvent() throws Exception {
        String code = Api.newCode("jyj");
        api.createUnit(code, "珠海市教育局" + code);

        // task-service with its relay held: a task committed now stays in the outbox, unsent
        suite.process(Service.TASK).stop();
        suite.start(Service.TASK, Map.of("DUBAN_OUTBOX_RELAY_ENABLED", "false"));
        suite.awaitReady(Service.TASK);
        String taskId = api.createTaskForNewUnits("推进政务公开标准化规范化", code);
        assertEquals(1, unpublishedEventsOf(taskId), "the event is committed in the outbox and not yet sent");

        suite.process(Service.TASK).kill();
        assertFalse(suite.process(Service.TASK).isAlive());
        assertTrue(KafkaProbe.readAll(suite.infra.bootstrapServers(), "duban.task-events").stream()
                .noneMatch(r -> taskId.equals(r.key())), "nothing was sent before the crash");
        assertEquals(0, api.inboxSize(code));

        // restarted normally, the relay finds the committed row and publishes it
        suite.start(Service.TASK, Map.of());
        suite.awaitReady(Service.TASK);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inboxSize(code) == 1);
        assertEquals(0, unpublishedEventsOf(taskId));
        assertEquals(taskId, api.firstInboxTaskId(code));
    }

    /**
     * The window at-least-once exists for: Kafka acknowledged the batch, the process dies before the
     * rows are marked published. task-service runs with its relay ON and the fault-injection hook
     * DUBAN_OUTBOX_FAULT_HALT_AFTER_ACK (OutboxRelay), which halts the JVM exactly there. After a
     * normal restart the relay sends the batch again: the event is on the topic twice, and the
     * unit's inbox has it once.
     */
    @Test
    void sigkillAfterKafkaAcknowledgedAndBeforeTheRowsAreMarkedPublishedLosesNothingAndAlertsOnce() throws Exception {
        String code = Api.newCode("gaj");
        api.createUnit(code, "珠海市公安局" + code);
        // task-service must know the unit before it is restarted with the hook (a 422 creates nothing)
        await().atMost(Duration.ofSeconds(30)).until(() -> replicaHas(code));

        suite.process(Service.TASK).stop();
        suite.start(Service.TASK, Map.of("DUBAN_OUTBOX_FAULT_HALT_AFTER_ACK", "task.assigned"));
        suite.awaitReady(Service.TASK);
        String title = "公开公安机关行政执法信息" + code;
        try {
            api.postTask(title, code);
        } catch (Exception connectionLost) {
            // the halt may come before the 201 reaches us: the database says what was committed
        }
        assertEquals(OptionalInt.of(137), suite.process(Service.TASK).awaitExit(Duration.ofSeconds(30)),
                "task-service halted at the hook (Runtime.halt(137))");
        String taskId = taskIdTitled(title);
        assertEquals(1, unpublishedEventsOf(taskId), "the row was not marked published");
        List<ConsumerRecord<String, String>> sent = recordsOf(taskId);
        assertEquals(1, sent.size(), "Kafka had acknowledged the event before the halt");

        suite.start(Service.TASK, Map.of());
        suite.awaitReady(Service.TASK);
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedEventsOf(taskId) == 0);
        List<ConsumerRecord<String, String>> twice = recordsOf(taskId);
        assertEquals(2, twice.size(), "the batch was sent again after the restart");
        assertEquals(ceId(twice.get(0)), ceId(twice.get(1)), "the same event, the same ce_id");

        ReplayTest.awaitConsumerCaughtUp(suite.infra.bootstrapServers(), "notification-service", "duban.task-events");
        assertEquals(1, api.inboxSize(code), "the duplicate was absorbed: one notification");
        assertEquals(taskId, api.firstInboxTaskId(code));
    }

    private List<ConsumerRecord<String, String>> recordsOf(String taskId) {
        return KafkaProbe.readAll(suite.infra.bootstrapServers(), "duban.task-events").stream()
                .filter(r -> taskId.equals(r.key())).toList();
    }

    private static String ceId(ConsumerRecord<String, String> r) {
        return new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    private boolean replicaHas(String code) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(Service.TASK), suite.infra.dbUser(), suite.infra.dbPassword());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM unit_replica WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    private String taskIdTitled(String title) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(Service.TASK), suite.infra.dbUser(), suite.infra.dbPassword());
             PreparedStatement ps = c.prepareStatement("SELECT CAST(id AS text) FROM task WHERE title = ?")) {
            ps.setString(1, title);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the task was committed");
                return rs.getString(1);
            }
        }
    }

    @Test
    void sigkillDuringAWebhookCallRepeatsItPromptlyAndTheHistoryShowsTheCutOffAttempt() throws Exception {
        // the OA system's receiver on this machine: holds the first call, answers 204 to the next
        List<String> webhookIds = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            if (webhookIds.size() == 1) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // a 5 s claim lease (default: the longest call + 10 s = 20 s): the restarted replica repeats the cut-off call as
        // soon as it is up, not 20 s after the call began (htime3: the test's wait, not what it proves). The old
        // replica is killed right after the call arrives, well within 5 s, so it never takes over its own live call
        Map<String, String> loopbackTargets = Map.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8",
                "DUBAN_NOTIFICATION_DELIVERIES_LEASE", "5s");
        try {
            suite.use(Map.of(Service.NOTIFICATION, loopbackTargets));
            String code = Api.newCode("sfj");
            api.createUnit(code, "珠海市司法局" + code);
            given().contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:%d/hook\",\"unitCode\":\"%s\"}".formatted(receiver.getAddress().getPort(), code))
                    .post(suite.url(Service.NOTIFICATION) + "/webhooks").then().statusCode(201);
            api.createTaskForNewUnits("推进政务公开标准化规范化", code);
            await().atMost(Duration.ofSeconds(30)).until(() -> webhookIds.size() == 1);

            // killed mid-call, restarted: the call is repeated once its lease (5 s here) ran out
            suite.process(Service.NOTIFICATION).kill();
            long killedAt = System.nanoTime();
            suite.start(Service.NOTIFICATION, loopbackTargets);
            suite.awaitReady(Service.NOTIFICATION);
            await().atMost(Duration.ofSeconds(60)).until(() -> webhookIds.size() == 2);
            long repeatedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertEquals(webhookIds.get(0), webhookIds.get(1), "the repeat carries the same webhook-id");
            assertTrue(repeatedAfterMs < 45_000, "repeated " + repeatedAfterMs + " ms after the kill, not minutes");

            String notificationId = given().get(suite.url(Service.NOTIFICATION) + "/units/" + code + "/notifications")
                    .then().statusCode(200).extract().path("items[0].id");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath d = given().get(suite.url(Service.NOTIFICATION) + "/notifications/" + notificationId + "/deliveries")
                        .then().statusCode(200).extract().jsonPath();
                assertEquals("SUCCEEDED", d.getString("items[0].status"));
                assertEquals(webhookIds.get(0), d.getString("items[0].id"));
                assertEquals(List.of("INTERRUPTED", "SUCCEEDED"), d.getList("items[0].history.outcome"));
                assertEquals(2, d.getInt("items[0].attempts"));
            });
        } finally {
            release.countDown();
            receiver.stop(0);
            // the next test's Suite.get() starts it with the suite's own settings again (no loopback webhook targets)
        }
    }

    private long unpublishedEventsOf(String taskId) throws Exception {
        try (Connection c = DriverManager.getConnection(suite.jdbcUrl(Service.TASK), suite.infra.dbUser(), suite.infra.dbPassword());
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NULL")) {
            ps.setString(1, UUID.fromString(taskId).toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
