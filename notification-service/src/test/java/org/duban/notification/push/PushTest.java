package org.duban.notification.push;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.webhook.Receiver;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: the live stream and the delivery worker react to a commit, not to a poll. The %test
 * backstop polls (duban.notification.stream.poll-every, deliveries.poll-every) are 60 s, so anything
 * that arrives within {@link #PROMPT} came by the wake-up: the in-process signal after the consumer's
 * commit, or — for another replica's commit — PostgreSQL's NOTIFY on this replica's listening connection.
 */
@QuarkusTest
class PushTest {

    /** Far below the 60 s backstop, with room for a loaded machine (Kafka → consumer → commit). */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL base;

    @Test
    void theBackstopPollsAreLongInTheTests() {
        assertEquals(Duration.ofSeconds(60), ConfigProvider.getConfig()
                .getValue("duban.notification.stream.poll-every", Duration.class));
        assertEquals(Duration.ofSeconds(60), ConfigProvider.getConfig()
                .getValue("duban.notification.deliveries.poll-every", Duration.class));
    }

    @Test
    void aLiveStreamGetsANotificationAsSoonAsItCommitsNotAtTheNextPoll() throws Exception {
        String unit = TaskEvents.newUnit();
        try (LiveEvents live = new LiveEvents(base, unit)) {
            TaskEvents.assign(UUID.randomUUID(), unit, "推送到实时流");
            await().atMost(PROMPT).until(() -> live.got("推送到实时流"));
            // a second one on the same stream, after it went back to waiting
            TaskEvents.assign(UUID.randomUUID(), unit, "第二条推送");
            await().atMost(PROMPT).until(() -> live.got("第二条推送"));
            assertEquals(2, live.events.size());
        }
    }

    @Test
    void aWebhookIsCalledAsSoonAsItsDeliveryCommitsNotAtTheNextPoll() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit);
            TaskEvents.assign(UUID.randomUUID(), unit, "推送到OA");
            await().atMost(PROMPT).until(() -> r.received().size() == 1);
            assertTrue(r.received().get(0).verified());
            TaskEvents.assign(UUID.randomUUID(), unit, "再推送到OA");
            await().atMost(PROMPT).until(() -> r.received().size() == 2);
        }
    }

    @Inject
    NotifyListener listener;

    /**
     * h16lat: the consumer's commit wakes this replica's stream by the in-process event; its NOTIFY, which
     * comes back on this replica's own listening connection, is recognised by the sending backend and dropped
     * (it woke every stream and the worker a second time). Another replica's NOTIFY still wakes: below.
     */
    @Test
    void thisReplicasOwnNotifyComesBackAndIsDroppedNotHeardAsAnotherReplicas() throws Exception {
        String unit = TaskEvents.newUnit();
        long before = listener.ownDropped();
        try (LiveEvents live = new LiveEvents(base, unit)) {
            TaskEvents.assign(UUID.randomUUID(), unit, "自己的通知不重复唤醒");
            await().atMost(PROMPT).until(() -> live.got("自己的通知不重复唤醒"));
            await().atMost(PROMPT).until(() -> listener.ownDropped() > before);
            assertEquals(1, live.events.size());
        }
    }

    /**
     * Another replica's commit: the row and its NOTIFY come from a connection of the test, not from
     * this process, so nothing here signals it — only the LISTEN connection hears it. Twice: the
     * second commit comes when the stream has certainly made its first read.
     */
    @Test
    void anotherReplicasNotifyWakesThisReplicasStream() throws Exception {
        String unit = TaskEvents.newUnit();
        try (LiveEvents live = new LiveEvents(base, unit)) {
            insertAsAnotherReplica(unit, "另一副本写入一");
            await().atMost(PROMPT).until(() -> live.got("另一副本写入一"));
            insertAsAnotherReplica(unit, "另一副本写入二");
            await().atMost(PROMPT).until(() -> live.got("另一副本写入二"));
        }
    }

    @Inject
    org.duban.notification.stream.LiveStreams streams;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * hcons3: the rows this replica's consumer commits reach the unit's stream from memory — the stream reads the
     * inbox only on its first turn — each once, and as the inbox holds them (the same JSON as the inbox list); a row
     * another replica commits is not in this memory, so its NOTIFY makes the stream read.
     */
    @Test
    void theConsumersRowsAreHandedToTheStreamFromMemoryAsTheInboxHoldsThemAndAnotherReplicasAreRead() throws Exception {
        String unit = TaskEvents.newUnit();
        try (LiveEvents live = new LiveEvents(base, unit)) {
            await().atMost(PROMPT).until(() -> streams.reads(unit) == 1); // the first turn reads
            List<String> titles = List.of("内存交付一", "内存交付二", "内存交付三");
            for (String title : titles) {
                TaskEvents.assign(UUID.randomUUID(), unit, title);
            }
            await().atMost(PROMPT).until(() -> titles.stream().allMatch(live::got));
            assertEquals(3, live.events.size(), "each once");
            assertEquals(1, streams.reads(unit), "not read back");
            assertEquals(3, streams.handed(unit));

            List<Map<String, Object>> inbox = given().get("/api/v1/units/" + unit + "/notifications")
                    .then().statusCode(200).extract().path("items");
            for (LiveEvents.Event e : live.events) {
                Map<String, Object> sent = json.readValue(e.data(), new com.fasterxml.jackson.core.type.TypeReference<>() {
                });
                assertTrue(inbox.contains(sent), "sent from memory as the inbox holds it: " + sent + " in " + inbox);
            }

            insertAsAnotherReplica(unit, "另一副本不在内存");
            await().atMost(PROMPT).until(() -> live.got("另一副本不在内存"));
            assertEquals(2, streams.reads(unit), "another replica's row is read");
            assertEquals(4, live.events.size());
        }
    }

    /** An inbox row of {@code unit} and its NOTIFY, committed as another replica would. */
    static void insertAsAnotherReplica(String unit, String title) throws SQLException {
        commitAsAnotherReplica(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO notification (id, unit_code, channel, event_id, event_type, title, body, created_at, reason)
                    VALUES (?, ?, 'inbox', ?, 'task.urged', ?, '由另一副本提交', now(), 'ASSIGNEE')""")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, unit);
                s.setString(3, UUID.randomUUID().toString());
                s.setString(4, title);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('duban_inbox', ?)")) {
                s.setString(1, unit);
                s.execute();
            }
        });
    }

    /** Another replica's delivery row and NOTIFY duban_deliveries wake this replica's worker. */
    @Test
    void anotherReplicasNotifyWakesThisReplicasWorker() throws Exception {
        try (Receiver r = new Receiver()) {
            String unit = TaskEvents.newUnit();
            register(r, unit);
            String endpoint = given().queryParam("unitCode", unit).get("/api/v1/webhooks").then().statusCode(200)
                    .extract().path("items[0].id");
            UUID delivery = UUID.randomUUID();
            commitAsAnotherReplica(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO delivery (id, event_id, event_type, unit_code, channel, target, endpoint_id, payload,
                                              status, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, 'task.urged', ?, 'webhook', ?, ?, '{"type":"task.urged"}', 'PENDING', 0, now(), now())""")) {
                    s.setObject(1, delivery);
                    s.setString(2, UUID.randomUUID().toString());
                    s.setString(3, unit);
                    s.setString(4, endpoint);
                    s.setObject(5, UUID.fromString(endpoint));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("NOTIFY duban_deliveries")) {
                    s.execute();
                }
            });
            await().atMost(PROMPT).until(() -> r.received().size() == 1);
            assertEquals(delivery.toString(), r.received().get(0).webhookId());
        }
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    /** One transaction on a connection of its own, as another notification-service replica's would be. */
    static void commitAsAnotherReplica(Work work) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null))) {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        }
    }

    static void register(Receiver r, String unit) {
        String secret = given().contentType(ContentType.JSON).body(Map.of("url", r.url(), "unitCode", unit))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        r.verifyWith(secret);
    }
}
