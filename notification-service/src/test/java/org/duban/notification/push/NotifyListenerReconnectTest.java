package org.duban.notification.push;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.infra.TestInfra;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;

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
            PushTest.insertAsAnotherReplica(unit, "重连后的通知一");
            await().atMost(Duration.ofSeconds(10)).until(() -> live.got("重连后的通知一"));
            PushTest.insertAsAnotherReplica(unit, "重连后的通知二");
            await().atMost(Duration.ofSeconds(10)).until(() -> live.got("重连后的通知二"));
        }
    }
}
