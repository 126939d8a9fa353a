package org.duban.systemtest;

import org.duban.infra.KafkaProbe;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
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
