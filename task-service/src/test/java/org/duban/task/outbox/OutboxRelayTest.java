package org.duban.task.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.outbox.Outbox;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Test
    void aRowCommittedAfterALaterNumberedOneIsStillPublished() throws Exception {
        String key = "order-" + UUID.randomUUID();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong slowSeq = new AtomicLong();

        // A takes the lower seq but commits last
        CompletableFuture<UUID> slow = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            UUID id = outbox.add("duban.task-events", key, "test.slow", "a", Map.of("n", 1));
            slowSeq.set(((Number) em.createNativeQuery("SELECT seq FROM outbox_event WHERE id = ?1")
                    .setParameter(1, id).getSingleResult()).longValue());
            inserted.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS));
            return id;
        }));
        assertTrue(inserted.await(10, TimeUnit.SECONDS));
        UUID fast = QuarkusTransaction.requiringNew().call(() -> outbox.add("duban.task-events", key, "test.fast", "b", Map.of("n", 2)));

        await().atMost(Duration.ofSeconds(10)).until(() -> published(fast));
        assertTrue(slowSeq.get() < seqOf(fast), "the slow row holds the lower sequence number");

        release.countDown();
        UUID slowId = slow.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> published(slowId));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(2,
                KafkaProbe.readAll(TestInfra.get().bootstrapServers(), "duban.task-events").stream()
                        .filter(r -> key.equals(r.key())).count()));
    }

    /**
     * Issue 16: one lead sends batch after batch (200 rows each by default) and marks each batch while the
     * next one's acks are awaited: the rows of a batch sent but not yet marked must not be sent again.
     */
    @Test
    void moreEventsThanTwoBatchesCommittedAtOnceAreEachPublishedOnceAndMarked() {
        String key = "many-" + UUID.randomUUID();
        int n = 450;
        java.util.List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> {
            Outbox.Batch batch = new Outbox.Batch();
            java.util.List<UUID> written = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                written.add(batch.add("duban.task-events", key, "test.many", "m" + i, Map.of("n", i)));
            }
            outbox.addAll(batch, java.time.OffsetDateTime.now());
            return written;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE record_key = ?1 AND published_at IS NOT NULL")
                .setParameter(1, key).getSingleResult()).intValue()) == n);

        Map<String, Long> onTopic = KafkaProbe.readAll(TestInfra.get().bootstrapServers(), "duban.task-events").stream()
                .filter(r -> key.equals(r.key()))
                .collect(java.util.stream.Collectors.groupingBy(r -> KafkaProbe.header(r, "ce_id"),
                        java.util.stream.Collectors.counting()));
        assertEquals(n, onTopic.size(), "every event is on the topic");
        assertTrue(onTopic.values().stream().allMatch(c -> c == 1), "no event sent twice");
        assertEquals(ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet()), onTopic.keySet());
    }

    private boolean published(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT published_at IS NOT NULL FROM outbox_event WHERE id = ?1").setParameter(1, id).getSingleResult());
    }

    private long seqOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT seq FROM outbox_event WHERE id = ?1").setParameter(1, id).getSingleResult()).longValue());
    }
}
