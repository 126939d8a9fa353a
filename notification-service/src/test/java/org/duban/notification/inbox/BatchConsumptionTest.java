package org.duban.notification.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.duban.common.consuming.ConsumedEvents;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.unit.UnitReplica;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 16: the records of one poll are applied together in one transaction ({@link TaskEventConsumer#consumeAll}).
 * The batches here are handed to the consumer as the connector hands them (records of duban.task-events with
 * their headers), so what is one batch is certain; the consumer and the database are the real ones.
 */
@QuarkusTest
class BatchConsumptionTest {

    /** Offsets far beyond what the broker gives, so the parked rows (unique per topic, partition, offset) are ours. */
    private static final AtomicLong OFFSET = new AtomicLong(1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));

    @Inject
    TaskEventConsumer consumer;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private static ConsumerRecord<String, String> consumed(ProducerRecord<String, String> r) {
        RecordHeaders headers = new RecordHeaders(r.headers().toArray());
        return new ConsumerRecord<>(r.topic(), 0, OFFSET.incrementAndGet(), ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, -1, r.key(), r.value(), headers, Optional.empty());
    }

    private static ProducerRecord<String, String> assigned(String eventId, String unit, String title) {
        UUID taskId = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        return TaskEvents.record(taskId.toString(), eventId, "task.assigned", assignment.toString(),
                TaskEvents.assignedJson(taskId, assignment, unit, "单位" + unit, "LEAD", title, "2026-12-31"));
    }

    private static Map<String, Object> parked(String eventId) {
        List<Map<String, Object>> items = given().queryParam("limit", 200).get("/api/v1/parked-events")
                .then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> eventId.equals(i.get("eventId"))).findFirst().orElse(null);
    }

    private static long deliveries(String unit) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("unitCode = ?1 and channel = ?2",
                unit, Delivery.WEBHOOK));
    }

    private double consumedCount(String outcome) {
        var c = registry.find(ConsumedEvents.NAME).tag("consumer", "notification-inbox").tag("type", "task.assigned")
                .tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private static void webhook(Receiver receiver, String unit) {
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void aBatchHoldingAPoisonRecordParksOnlyThatRecordAndAppliesTheOthersOnce() throws Exception {
        String a = TaskEvents.newUnit();
        String b = TaskEvents.newUnit();
        String c = TaskEvents.newUnit();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code in ?1", List.of(a, b, c))) == 3);
        Receiver receiver = new Receiver();
        webhook(receiver, a);
        String malformed = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        batch.add(consumed(assigned(UUID.randomUUID().toString(), a, "批内第一项")));
        // refused at the door (not JSON): never joins the batch's transaction
        batch.add(consumed(TaskEvents.record(UUID.randomUUID().toString(), malformed, "task.assigned", null,
                "{\"taskId\":")));
        // passes the door, but the database refuses its row: the batch's transaction fails
        batch.add(consumed(assigned(refused, b, "数据库拒收")));
        batch.add(consumed(assigned(UUID.randomUUID().toString(), c, "批内第三项")));
        batch.add(consumed(assigned(UUID.randomUUID().toString(), a, "批内第四项")));

        // the database refuses one notification as it would a value it cannot store (SQLState class 22)
        try (Connection conn = dataSource.getConnection(); Statement st = conn.createStatement()) {
            st.execute("""
                    CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END $$""");
            st.execute("""
                    CREATE TRIGGER test_refuse BEFORE INSERT ON notification FOR EACH ROW
                    WHEN (NEW.title LIKE '%数据库拒收%') EXECUTE FUNCTION test_refuse()""");
        }
        try {
            consumer.consumeAll(batch);
        } finally {
            try (Connection conn = dataSource.getConnection(); Statement st = conn.createStatement()) {
                st.execute("DROP TRIGGER test_refuse ON notification");
                st.execute("DROP FUNCTION test_refuse()");
            }
        }

        assertEquals(2, TaskEvents.inboxSize(a));
        assertEquals(0, TaskEvents.inboxSize(b), "the refused record told nobody");
        assertEquals(1, TaskEvents.inboxSize(c));
        assertEquals(2, deliveries(a), "one webhook delivery per notification of unit a");
        Map<String, Object> m = parked(malformed);
        assertNotNull(m, "the unreadable record is parked");
        assertEquals("unreadable", m.get("reason"));
        Map<String, Object> r = parked(refused);
        assertNotNull(r, "the refused record is parked");
        assertEquals("data-error", r.get("reason"));

        // and it is applied once when re-driven with the database no longer refusing
        given().post("/api/v1/parked-events/{id}/redrive", r.get("id")).then().statusCode(200);
        assertEquals(1, TaskEvents.inboxSize(b));
        assertEquals(2, TaskEvents.inboxSize(a), "nothing of the batch was applied twice");
        assertEquals(1, TaskEvents.inboxSize(c));
        receiver.close();
    }

    @Test
    void aRecordRefusedAtTheDoorIsParkedAloneAndTheRestOfItsBatchIsAppliedTogether() {
        String a = TaskEvents.newUnit();
        String nobody = TaskEvents.unknownUnit();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code", a)) == 1);
        String nul = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> batch = List.of(
                consumed(assigned(UUID.randomUUID().toString(), a, "门前第一项")),
                consumed(assigned(nul, a, "控制字符\\u0000")),
                consumed(assigned(unknown, nobody, "无此单位")),
                consumed(assigned(UUID.randomUUID().toString(), a, "门前第二项")));

        consumer.consumeAll(batch);

        assertEquals(2, TaskEvents.inboxSize(a));
        assertEquals(0, TaskEvents.inboxSize(nobody), "no inbox for a unit nobody knows");
        assertEquals("control-character", parked(nul).get("reason"));
        assertEquals("unknown-unit", parked(unknown).get("reason"), "parked after the grace, alone");
    }

    @Test
    void aRedeliveredBatchCreatesNothingTwice() throws Exception {
        String a = TaskEvents.newUnit();
        String b = TaskEvents.newUnit();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code in ?1", List.of(a, b))) == 2);
        Receiver receiver = new Receiver();
        webhook(receiver, a);
        webhook(receiver, b);
        ProducerRecord<String, String> first = assigned(UUID.randomUUID().toString(), a, "重投第一项");
        List<ConsumerRecord<String, String>> batch = List.of(
                consumed(first),
                consumed(assigned(UUID.randomUUID().toString(), b, "重投第二项")),
                consumed(TaskEvents.record(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "plan.published",
                        null, "{\"planId\":\"" + UUID.randomUUID() + "\"}")),
                // the same event twice within the batch (the relay sent it again before its ack)
                consumed(first),
                consumed(assigned(UUID.randomUUID().toString(), a, "重投第三项")));

        consumer.consumeAll(batch);
        assertEquals(2, TaskEvents.inboxSize(a));
        assertEquals(1, TaskEvents.inboxSize(b));
        assertEquals(2, deliveries(a));
        assertEquals(1, deliveries(b));
        double duplicatesBefore = consumedCount(ConsumedEvents.DUPLICATE);

        // the whole batch again, as after a crash before the offsets were committed
        consumer.consumeAll(batch);
        assertEquals(2, TaskEvents.inboxSize(a));
        assertEquals(1, TaskEvents.inboxSize(b));
        assertEquals(2, deliveries(a), "no webhook delivery twice");
        assertEquals(1, deliveries(b));
        assertEquals(4.0, consumedCount(ConsumedEvents.DUPLICATE) - duplicatesBefore, 0.0,
                "every task.assigned record of the redelivered batch counted as a duplicate");
        assertNull(parked(new String(first.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)),
                "nothing parked");
        receiver.close();
    }
}
