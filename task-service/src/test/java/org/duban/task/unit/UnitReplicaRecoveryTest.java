package org.duban.task.unit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.infra.TestInfra;
import org.duban.replica.SnapshotConsumption;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: PostgreSQL goes away under the unit replica's consumer while snapshots keep arriving on
 * duban.units — every connection of the service is terminated (57P01, as {@code pg_ctl restart -m
 * immediate} ends them) and new ones are refused for 8 s, longer than the pool's acquisition timeout
 * (5 s), so a record applied meanwhile meets the outage whatever the pool does. The consumer waits for
 * the database in place and, once it is back, applies every snapshot — those published after the
 * outage too — without a restart, readiness comes back UP, and no replica is rolled back or doubled.
 * <p>
 * Before issue 13 the consumer nacked the record it could not apply, the channel failed
 * (failure-strategy=fail), health stayed DOWN and no later snapshot was applied until a restart.
 */
@QuarkusTest
class UnitReplicaRecoveryTest {

    private static final String DATABASE = "duban_task";



    @Inject
    SnapshotConsumption consumption;

    private static UnitReplica replica(String code) {
        return QuarkusTransaction.requiringNew().call(() -> UnitReplica.<UnitReplica>findById(code));
    }

    @Test
    void theUnitReplicaRidesOutADatabaseRestartAndAppliesLaterSnapshotsWithoutARestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        RegistryUnits.seed("rec-" + run + "-first", "恢复前单位");
        long outagesBefore = consumption.state().outages();

        // snapshots keep arriving before, during and after the outage: each unit at version 1, then 2
        List<String> codes = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
            for (int n = 0; !stop.get() || n < 10; n++) {
                String code = "rec-" + run + "-" + n;
                RegistryUnits.publish(code, "断库期间单位" + n + "（旧）", true, 1);
                RegistryUnits.publish(code, "断库期间单位" + n, true, 2);
                synchronized (codes) {
                    codes.add(code);
                }
            }
        });

        int terminated = TestInfra.get().databaseOutage(DATABASE, Duration.ofSeconds(8));
        assertTrue(terminated > 0, "the service's connections were ended");
        // and a few more after the database is back
        int atEnd;
        synchronized (codes) {
            atEnd = codes.size();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            synchronized (codes) {
                return codes.size() >= atEnd + 3;
            }
        });
        stop.set(true);
        flow.get();

        List<String> published;
        synchronized (codes) {
            published = List.copyOf(codes);
        }
        assertTrue(published.size() >= 10, "snapshots published: " + published.size());
        // every snapshot applied, at its last version: nothing lost, none rolled back by a replayed older one
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int n = 0; n < published.size(); n++) {
                UnitReplica u = replica(published.get(n));
                assertTrue(u != null, published.get(n) + " in the replica");
                assertEquals(2, u.version, published.get(n));
                assertEquals("断库期间单位" + n, u.name, published.get(n));
            }
        });
        assertTrue(consumption.state().outages() > outagesBefore, "the consumer met the outage and waited for the database");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        // and it goes on: a snapshot published now is applied, once, without a restart
        String later = "rec-" + run + "-later";
        RegistryUnits.seed(later, "恢复之后单位");
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code like ?1", "rec-" + run + "-later%")));
        assertEquals(published.size() + 2, (long) QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code like ?1", "rec-" + run + "-%")));
    }

    @Test
    void aSnapshotTheDatabaseRefusesIsSkippedAndTheNextOnesFlow() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String bad = "bad-" + run;
        RegistryUnits.seed(bad, "改名前单位");
        // a NUL in the name: PostgreSQL refuses it in text (SQLState 22021), on every attempt
        RegistryUnits.publish(bad, "带\\u0000的单位", true, 1);
        RegistryUnits.publish(bad + "-next", "后来的单位", true, 0);
        RegistryUnits.awaitReplica(bad + "-next", 0, true);

        // the refused snapshot changed nothing; the next one of that unit applies
        assertEquals(0, replica(bad).version);
        assertEquals("改名前单位", replica(bad).name);
        RegistryUnits.publish(bad, "改名后单位", true, 2);
        RegistryUnits.awaitReplica(bad, 2, true);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Consumers: unit replica' }.data.skipped", greaterThanOrEqualTo(1));
    }
}
