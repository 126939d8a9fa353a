package org.duban.notification.push;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.infra.TestInfra;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listening connection after a database restart (every connection ended, new ones refused for
 * a while): it is opened again by itself, and other replicas' NOTIFYs wake this replica again.
 */
@QuarkusTest
class NotifyListenerReconnectTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    NotifyListener listener;

    @Test
    void afterADatabaseOutageTheListenerListensAgainAndAnotherReplicasNotifyWakesTheStream() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(listener::listening);
        int before = listener.opened();
        int ended = TestInfra.get().databaseOutage("duban_notification", Duration.ofSeconds(2));
        assertTrue(ended > 0, "connections were ended");
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.listening() && listener.opened() > before);

        String unit = TaskEvents.newUnit();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> TaskEvents.inboxSize(unit) == 0);
        try (LiveEvents live = new LiveEvents(base, unit)) {
            PushTest.commitAsAnotherReplica(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO notification (id, unit_code, channel, event_id, event_type, title, body, created_at, reason)
                        VALUES (?, ?, 'inbox', ?, 'task.urged', '重连后的通知', '数据库重启之后', now(), 'ASSIGNEE');
                        """)) {
                    s.setObject(1, UUID.randomUUID());
                    s.setString(2, unit);
                    s.setString(3, UUID.randomUUID().toString());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('duban_inbox', ?)")) {
                    s.setString(1, unit);
                    s.execute();
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> live.got("重连后的通知"));
        }
    }
}
