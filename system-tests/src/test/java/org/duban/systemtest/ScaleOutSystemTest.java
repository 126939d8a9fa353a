package org.duban.systemtest;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.duban.infra.EmbeddedPostgresServer;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite scaled out on real engines: a Kafka cluster of three KRaft nodes as processes (replication
 * factor 3, min.insync.replicas 2), two replicas of each service, one PostgreSQL ({@link ClusterSuite}, started
 * once for this class and ClusterFaultSystemTest, which runs after it and reuses it). During a burst of
 * task creations spread over both task-service replicas, one broker is SIGKILLed, then one replica of
 * task-service and one of notification-service. Afterwards every task whose creation was acknowledged
 * (201) has its notification in the unit's inbox exactly once, and the killed parts come back and work.
 * (Issue 13's full fault test, {@link ClusterFaultSystemTest}, adds a PostgreSQL restart, a webhook call
 * in flight, the relay's worst window, reminders, SSE listeners moving replicas and a Kafka outage.)
 */
@Order(Integer.MAX_VALUE - 1)
class ScaleOutSystemTest {

    static final int TASKS = 60;

    static ClusterSuite cluster;

    @BeforeAll
    static void start() {
        // shared with ClusterFaultSystemTest, which runs after this class
        cluster = ClusterSuite.get();
    }

    static String url(Service s, String replica) {
        return cluster.url(s, replica);
    }

    static Response postTask(String replica, String title, String unit) {
        return given().auth().oauth2(TestKeys.token("supervisor")).contentType(ContentType.JSON)
                .body("{\"title\":\"%s\",\"deadline\":\"2026-12-31\",\"unitCodes\":[\"%s\"]}".formatted(title, unit))
                .post(url(Service.TASK, replica) + "/tasks");
    }

    @Test
    void everyAcknowledgedTaskReachesTheInboxOnceWhileABrokerAndAReplicaOfEachServiceDie() throws Exception {
        String unit = "so-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestKeys.token("supervisor")).contentType(ContentType.JSON)
                .body("{\"code\":\"%s\",\"name\":\"扩容测试单位%s\",\"type\":\"MUNICIPAL_DEPARTMENT\"}".formatted(unit, unit))
                .post(url(Service.REGISTRY, "a") + "/units").then().statusCode(201);
        // both task-service replicas learn the unit from duban.units
        for (String r : List.of("a", "b")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> postTask(r, "预热" + r, unit).statusCode() == 201);
        }

        Set<String> acknowledged = new HashSet<>();
        boolean taskB = true;
        for (int i = 0; i < TASKS; i++) {
            if (i == 15) {
                cluster.kafka.kill(2);
            }
            if (i == 30) {
                cluster.replica(Service.TASK, "b").kill();
                taskB = false;
            }
            if (i == 40) {
                cluster.replica(Service.NOTIFICATION, "b").kill();
            }
            String replica = taskB && i % 2 == 1 ? "b" : "a";
            Response r = postTask(replica, "扩容任务" + i, unit);
            if (r.statusCode() == 201) {
                acknowledged.add(r.path("id"));
            }
        }
        assertTrue(acknowledged.size() >= TASKS - 2, "the burst was acknowledged: " + acknowledged.size());

        // every acknowledged task in the inbox, once (the unit's warm-up tasks too, not counted here)
        long burstEnded = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> inboxTaskIds(unit).containsAll(acknowledged));
        List<String> inbox = inboxTaskIdsWithRepeats(unit);
        for (String id : acknowledged) {
            assertEquals(1, java.util.Collections.frequency(inbox, id), "task " + id + " notified once");
        }
        System.out.printf("scale-out: %d of %d tasks acknowledged, all in the inbox once %.1f s after the burst, "
                + "lost 0, duplicates 0%n", acknowledged.size(), TASKS, (System.nanoTime() - burstEnded) / 1e9);

        // what was killed comes back and works (and the cluster is whole again for ClusterFaultSystemTest:
        // task-service b with its fault hook, which only an urge sets off)
        cluster.kafka.startNode(2);
        cluster.startReplica(Service.TASK, "b", ClusterSuite.TASK_B_HALTS_AFTER_URGED);
        cluster.startReplica(Service.NOTIFICATION, "b", Map.of());
        cluster.kafka.awaitBrokers(3, Duration.ofSeconds(60));
        cluster.replica(Service.TASK, "b").awaitReady(Duration.ofSeconds(120));
        cluster.replica(Service.NOTIFICATION, "b").awaitReady(Duration.ofSeconds(120));
        String after = postTask("b", "恢复后任务", unit).then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> inboxTaskIds(unit).contains(after));
    }

    private static Set<String> inboxTaskIds(String unit) throws Exception {
        return new HashSet<>(inboxTaskIdsWithRepeats(unit));
    }

    private static List<String> inboxTaskIdsWithRepeats(String unit) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.postgres.jdbcUrl(Service.NOTIFICATION.database),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement q = c.prepareStatement("SELECT task_id FROM notification "
                     + "WHERE unit_code = ? AND channel = 'inbox' AND event_type = 'task.assigned'")) {
            q.setString(1, unit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
