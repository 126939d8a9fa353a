package org.duban.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.duban.infra.KafkaProbe;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        Map<String, String> loopbackTargets = Map.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8");
        try {
            suite.process(Service.NOTIFICATION).stop();
            suite.start(Service.NOTIFICATION, loopbackTargets);
            suite.awaitReady(Service.NOTIFICATION);
            String code = Api.newCode("sfj");
            api.createUnit(code, "珠海市司法局" + code);
            given().contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:%d/hook\",\"unitCode\":\"%s\"}".formatted(receiver.getAddress().getPort(), code))
                    .post(suite.url(Service.NOTIFICATION) + "/webhooks").then().statusCode(201);
            api.createTaskForNewUnits("推进政务公开标准化规范化", code);
            await().atMost(Duration.ofSeconds(30)).until(() -> webhookIds.size() == 1);

            // killed mid-call, restarted: the call is repeated once its lease (webhook timeout 10 s + 10 s) ran out
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
            // the other tests expect the suite's own settings (no loopback webhook targets)
            suite.process(Service.NOTIFICATION).stop();
            suite.start(Service.NOTIFICATION, Map.of());
            suite.awaitReady(Service.NOTIFICATION);
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
