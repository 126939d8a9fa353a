package org.duban.notification.parking;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.common.consuming.RecordRetry;
import org.duban.infra.TestInfra;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: PostgreSQL goes away while task events keep arriving (its connections are terminated, as
 * a restart does, and new ones refused for 8 s) — the consumer waits for it in place, applies every
 * event exactly once when it is back, those sent after the outage too, and stays live and ready
 * without a restart.
 * <p>
 * The events flow until the outage is over, and the test checks that the consumer did meet the outage
 * ({@link InPlaceRetry.State#outages()}): an earlier version of this test sent its events before the
 * outage began and so passed on the consumer that nacked and stopped. task-service's
 * {@code UnitReplicaRecoveryTest} is the same test for a consumer that fail-stopped before issue 13.
 */
@QuarkusTest
class ConsumerRecoveryTest {

    private static final String DATABASE = "duban_notification";
    private static final int UNITS = 5;
    private static final int EVENTS_PER_UNIT = 6;



    @Inject
    RecordRetry retry;

    private static int total(int[] sent) {
        synchronized (sent) {
            return Arrays.stream(sent).sum();
        }
    }

    @Test
    void theConsumerRidesOutADatabaseOutageAndAppliesEveryEventOnceWithoutARestart() throws Exception {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add(TaskEvents.newUnit());
        }
        long outagesBefore = retry.state().outages();
        // a steady flow of events, before, during and after the outage: at least EVENTS_PER_UNIT per unit
        AtomicBoolean stop = new AtomicBoolean();
        int[] sent = new int[UNITS];
        CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
            for (int n = 0; !stop.get() || n < UNITS * EVENTS_PER_UNIT; n++) {
                TaskEvents.assign(UUID.randomUUID(), units.get(n % UNITS), "断库期间的任务" + n);
                synchronized (sent) {
                    sent[n % UNITS]++;
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> TaskEvents.inboxSize(units.get(0)) >= 1);

        // 8 s, longer than the pool's acquisition timeout (5 s); every connection that gets through is ended too,
        // as a restart ends them all
        int terminated = TestInfra.get().databaseOutage(DATABASE, Duration.ofSeconds(8));
        assertTrue(terminated > 0, "the service's connections were ended");
        // and a few events after the database is back
        int atEnd = total(sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> total(sent) >= atEnd + UNITS);
        stop.set(true);
        flow.get();
        int[] expected;
        synchronized (sent) {
            expected = sent.clone();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < UNITS; i++) {
                assertEquals(expected[i], TaskEvents.inboxSize(units.get(i)), units.get(i));
            }
        });
        assertTrue(retry.state().outages() > outagesBefore, "a consumer met the outage and waited for the database");
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));

        // and it goes on: a later event arrives too, and none came twice
        String later = TaskEvents.newUnit();
        TaskEvents.assign(UUID.randomUUID(), later, "恢复之后");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(later)));
        for (int i = 0; i < UNITS; i++) {
            assertEquals(expected[i], TaskEvents.inboxSize(units.get(i)), units.get(i));
        }
    }
}
