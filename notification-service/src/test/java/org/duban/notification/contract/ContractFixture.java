package org.duban.notification.contract;

import io.restassured.http.ContentType;
import org.duban.testsupport.contract.DatabaseFingerprint;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.webhook.Receiver;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The objects the contract tests name, all of the "own" unit (a fresh code standing for 市司法局);
 * the "other" unit (市财政局) has nothing. The own unit has two unread notifications, each told to
 * two webhook endpoints of the unit: one receiver answers 204 (a SUCCEEDED delivery), the other
 * 410 Gone (a dead letter, its endpoint disabled). Two more endpoints of the unit are never called
 * (no further notification reaches the unit): one to read, change and rotate, one to delete.
 * Three task events of the unit were parked (a NUL in the title): one to read and re-drive (it fails
 * again and stays parked), two to discard.
 * Everything is settled before the tests start: no delivery is pending and the database is still.
 */
record ContractFixture(String own, String other, String firstNotification, String secondNotification,
                       String delivery, String deadLetter, String endpoint, String endpointToDelete,
                       String endpointToDeleteInSweep, String parked, String parkedToDiscard,
                       String parkedToDiscardInSweep) {

    static ContractFixture create(DataSource dataSource) {
        String own = TaskEvents.newUnit();
        String other = TaskEvents.newUnit();
        try (Receiver ok = new Receiver(); Receiver gone = new Receiver()) {
            gone.afterScript(r -> new Receiver.Answer(410, Map.of()));
            endpoint(own, ok.url());
            endpoint(own, gone.url());
            UUID task = UUID.randomUUID();
            TaskEvents.assign(task, own, "合同测试任务一");
            TaskEvents.assign(task, own, "合同测试任务二");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertEquals(2, TaskEvents.inboxSize(own));
                assertEquals(0L, pendingDeliveries(dataSource));
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> notifications = given().get("/api/v1/units/{code}/notifications", own).then().statusCode(200)
                .extract().path("items.id");
        String second = notifications.get(0);
        String first = notifications.get(1);
        List<Map<String, Object>> deliveries = given().get("/api/v1/notifications/{id}/deliveries", first)
                .then().statusCode(200).extract().path("items");
        String succeeded = deliveries.stream().filter(d -> "SUCCEEDED".equals(d.get("status"))).findFirst()
                .orElseThrow(() -> new AssertionError("no SUCCEEDED delivery: " + deliveries)).get("id").toString();
        String dead = deliveries.stream().filter(d -> "DEAD".equals(d.get("status"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter: " + deliveries)).get("id").toString();
        ContractFixture f = new ContractFixture(own, other, first, second, succeeded, dead,
                endpoint(own, "http://127.0.0.1:9/read-change-rotate"), endpoint(own, "http://127.0.0.1:9/delete"),
                endpoint(own, "http://127.0.0.1:9/delete-in-sweep"), parked(dataSource, own), parked(dataSource, own),
                parked(dataSource, own));
        settle(dataSource);
        return f;
    }

    private static String endpoint(String unit, String url) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "unitCode", unit))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
    }

    /** A task event of {@code unit} with a NUL in its title, once the consumer has parked it: the parked event's id. */
    private static String parked(DataSource dataSource, String unit) {
        String eventId = UUID.randomUUID().toString();
        UUID task = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        TaskEvents.send(TaskEvents.record(task.toString(), eventId, "task.assigned", assignment.toString(),
                TaskEvents.assignedJson(task, assignment, unit, "珠海市司法局", "LEAD", "合同测试\\u0000停放", "2026-12-31")));
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = dataSource.getConnection();
                 java.sql.PreparedStatement st = c.prepareStatement("select id from parked_event where event_id = ?")) {
                st.setString(1, eventId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        id.set(rs.getString(1));
                    }
                }
            }
            return id.get() != null;
        });
        return id.get();
    }

    private static long pendingDeliveries(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from delivery where status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Waits until the database holds still for a second (events of earlier tests consumed, their
     * deliveries finished), so the tests' "nothing changed" checks see only their own requests.
     */
    static void settle(DataSource dataSource) {
        DatabaseFingerprint fingerprint = new DatabaseFingerprint(dataSource);
        AtomicReference<Map<String, String>> last = new AtomicReference<>(fingerprint.take());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = fingerprint.take();
            boolean still = now.equals(last.get()) && pendingDeliveries(dataSource) == 0;
            last.set(now);
            return still;
        });
    }
}
