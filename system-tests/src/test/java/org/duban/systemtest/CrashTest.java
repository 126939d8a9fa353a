package org.duban.systemtest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.infra.KafkaProbe;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No acknowledged write is lost when a process dies. */
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
