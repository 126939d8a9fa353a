package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.duban.notification.unit.UnitReplica;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Issue 16 (h16lat): while the consumer applies a batch, the connector takes at most ONE more poll's records
 * ahead ({@code max-queue-size-factor=1}); whatever arrives after that waits in the broker and comes as one
 * batch, applied in one transaction, once the consumer is free. With the connector's default (2) a second small
 * poll was queued behind the first, so under load an event waited for up to three small transactions instead of
 * being applied with the others in the next one (docs/benchmarks.md, "h16lat").
 * <p>
 * The consumer is held inside a transaction deterministically: the test inserts the first event's id into
 * {@code processed_event} and does not commit, so the consumer's own insert of that id waits on the row lock.
 */
@QuarkusTest
class ConsumerPrefetchTest {

    @Inject
    DataSource dataSource;

    @Inject
    KafkaClientService kafka;

    @Test
    void whileABatchIsAppliedOnlyOnePollIsTakenAheadAndTheRestComesAsOneBatch() throws Exception {
        String unit = TaskEvents.newUnit();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.findById(unit) != null));
        ProducerRecord<String, String> held = assigned(unit, "被拦住的第一批");
        String heldId = ceId(held);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement(
                    "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?)")) {
                ps.setString(1, TaskEventConsumer.CONSUMER);
                ps.setString(2, heldId);
                ps.executeUpdate();
            }
            TaskEvents.send(held);
            await("the consumer waits on the held event's row").atMost(Duration.ofSeconds(30))
                    .until(() -> waitingOnLock() > 0);

            ProducerRecord<String, String> ahead = assigned(unit, "预取的一批");
            TaskEvents.send(ahead);
            // one poll's records wait for the consumer: the connector stops fetching (pauses the partition)
            await("the partition paused with one batch queued").atMost(Duration.ofSeconds(20))
                    .until(() -> !paused().isEmpty());

            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ProducerRecord<String, String> r = assigned(unit, "其后的第" + (i + 1) + "项");
                TaskEvents.send(r);
                rest.add(ceId(r));
            }
            lock.rollback(); // the consumer's insert of the held id goes ahead: it applies the event
            List<String> all = new ArrayList<>(rest);
            all.add(heldId);
            all.add(ceId(ahead));
            await("every event applied").atMost(Duration.ofSeconds(30)).until(() -> processedAt(all).size() == all.size());

            List<java.time.OffsetDateTime> times = processedAt(all);
            java.time.OffsetDateTime heldTx = processedAt(List.of(heldId)).get(0);
            java.time.OffsetDateTime aheadTx = processedAt(List.of(ceId(ahead))).get(0);
            List<java.time.OffsetDateTime> restTx = processedAt(rest);
            assertNotEquals(heldTx, aheadTx, "the batch taken ahead is its own transaction");
            assertEquals(1, restTx.stream().distinct().count(),
                    "what arrived while the partition was paused is applied in ONE transaction: " + times);
            assertNotEquals(aheadTx, restTx.get(0));
            assertEquals(all.size(), notifications(unit), "each event told the unit once");
        }
    }

    private static ProducerRecord<String, String> assigned(String unit, String title) {
        UUID taskId = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        return TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.assigned", assignment.toString(),
                TaskEvents.assignedJson(taskId, assignment, unit, "单位" + unit, "LEAD", title, "2026-12-31"));
    }

    private static String ceId(ProducerRecord<String, String> r) {
        return new String(r.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private Set<TopicPartition> paused() {
        return kafka.<String, String>getConsumer("task-events").paused().await().atMost(Duration.ofSeconds(10));
    }

    private int waitingOnLock() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%processed_event%'""")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The consumer transactions' start times ({@code processed_at}) of the events applied so far, in id order. */
    private List<java.time.OffsetDateTime> processedAt(List<String> eventIds) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT processed_at FROM processed_event WHERE consumer = ? AND event_id = ANY(?) ORDER BY event_id""")) {
            ps.setString(1, TaskEventConsumer.CONSUMER);
            ps.setArray(2, c.createArrayOf("text", eventIds.toArray()));
            List<java.time.OffsetDateTime> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, java.time.OffsetDateTime.class));
                }
            }
            return out;
        }
    }

    private int notifications(String unit) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM notification WHERE unit_code = ? AND channel = 'inbox'")) {
            ps.setString(1, unit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
