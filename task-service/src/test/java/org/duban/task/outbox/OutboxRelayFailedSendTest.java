package org.duban.task.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.duban.common.outbox.Outbox;
import org.duban.common.outbox.OutboxRelay;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's failed send (htime3): a real broker refuses one record in the middle of a batch while the batch's
 * other records are acknowledged. The refusing topic's {@code max.message.bytes} is below one event's size: the
 * broker answers MESSAGE_TOO_LARGE and the producer fails that record (alone in its producer batch, it cannot be
 * split) — between the send and the ack, as an expiry after {@code delivery.timeout.ms} would. Then the topic is
 * made to accept it. Proves: no row is marked published unless Kafka acknowledged its record; the relay goes on
 * (the acknowledged records and an event committed after the failure are published while the refused one is still
 * refused — before htime3 they all waited behind it, their records sent again at every poll); the refused row is
 * sent again and arrives; per key, the first copies of the acknowledged events are in write order. Copies are
 * counted, not forbidden (at-least-once; consumers deduplicate by {@code ce_id}).
 */
@QuarkusTest
class OutboxRelayFailedSendTest {

    static final String EVENTS = "duban.task-events";

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void aRecordRefusedInTheMiddleOfABatchIsNeverMarkedIsSentAgainAndArrivesInOrderAndTheRelayGoesOn() throws Exception {
        String bootstrap = TestInfra.get().bootstrapServers();
        String refusing = "duban.test-refusing-" + UUID.randomUUID();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, refusing);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(refusing, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16384")))).all().get();
        }
        String k = "k-" + UUID.randomUUID();
        String r = "r-" + UUID.randomUUID();
        long failedBefore = failedBatches();

        // one transaction, one batch: e1 and e4 go to a topic that accepts them, e2 (200 KB) and e3 (small, same key)
        // to the one that refuses e2
        List<UUID> first = QuarkusTransaction.requiringNew().call(() -> List.of(
                outbox.add(EVENTS, k, "test.ok", "e1", Map.of("n", 1)),
                outbox.add(refusing, r, "test.big", "e2", Map.of("n", 2, "text", "大".repeat(70_000))),
                outbox.add(refusing, r, "test.small", "e3", Map.of("n", 3)),
                outbox.add(EVENTS, k, "test.ok", "e4", Map.of("n", 4))));
        UUID e1 = first.get(0), e2 = first.get(1), e3 = first.get(2), e4 = first.get(3);

        // (a) until the broker refuses e2, nothing of ours is marked that is not on its topic
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertMarkedOnlyIfOnTopic(bootstrap, refusing, k, r, first);
            return failedBatches() > failedBefore;
        });

        // (c) the relay goes on while e2 is still refused: an event committed after the failure is published (no
        // restart), and so are the records Kafka acknowledged; before htime3 every later event waited behind e2
        UUID e5 = QuarkusTransaction.requiringNew().call(() -> outbox.add(EVENTS, k, "test.ok", "e5", Map.of("n", 5)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertMarkedOnlyIfOnTopic(bootstrap, refusing, k, r, first);
            return published(e1) && published(e4) && published(e5);
        });
        assertFalse(published(e2), "e2 is refused: not marked");
        assertFalse(ids(bootstrap, refusing, r).contains(e2.toString()), "e2 is not on its topic");
        long failedWhileRefused = failedBatches() - failedBefore;

        // the broker accepts e2 again; (b) the refused row is sent again and arrives
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"), AlterConfigOp.OpType.SET)))).all().get();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertMarkedOnlyIfOnTopic(bootstrap, refusing, k, r, first);
            return published(e2) && published(e3);
        });

        // (d) key k, whose records were all acknowledged: the first copy of each event in the order written. Key r:
        // both arrive; e3, handed to the producer behind e2 in a batch of its own, may be written before e2's
        // re-send (the idempotent producer goes on after a refused batch): printed, see docs/events.md
        List<String> refusedKey = ids(bootstrap, refusing, r);
        List<String> okKey = ids(bootstrap, EVENTS, k);
        assertEquals(List.of(e1.toString(), e4.toString(), e5.toString()), List.copyOf(new LinkedHashSet<>(okKey)), "key " + k);
        assertEquals(java.util.Set.of(e2.toString(), e3.toString()), new java.util.HashSet<>(refusedKey), "key " + r);
        System.out.printf("relay's failed send: failed batches while refused %d; key %s on the refusing topic, first copies "
                        + "in order %s (e2=%s e3=%s), %d copies of 2; key %s %d copies of 3%n", failedWhileRefused, r,
                new LinkedHashSet<>(refusedKey), e2, e3, refusedKey.size(), k, okKey.size());
    }

    /** A row marked published must have its record on its topic (a row is marked only after Kafka's ack). */
    private void assertMarkedOnlyIfOnTopic(String bootstrap, String refusing, String k, String r, List<UUID> rows) {
        List<String> onTopics = new java.util.ArrayList<>(ids(bootstrap, EVENTS, k));
        onTopics.addAll(ids(bootstrap, refusing, r));
        for (UUID id : rows) {
            if (published(id)) {
                assertTrue(onTopics.contains(id.toString()), id + " marked published but not on its topic");
            }
        }
    }

    private static List<String> ids(String bootstrap, String topic, String key) {
        return KafkaProbe.readAll(bootstrap, topic).stream().filter(c -> key.equals(c.key()))
                .map((ConsumerRecord<String, String> c) -> KafkaProbe.header(c, "ce_id")).toList();
    }

    private long failedBatches() {
        Timer t = registry.find(OutboxRelay.PUBLISH).tag("outcome", "failed").timer();
        return t == null ? 0 : t.count();
    }

    private boolean published(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT published_at IS NOT NULL FROM outbox_event WHERE id = ?1").setParameter(1, id).getSingleResult());
    }
}
