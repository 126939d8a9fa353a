package org.duban.task.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.outbox.Outbox;
import org.duban.common.outbox.OutboxRelay;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
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

    @Inject
    DataSource db;

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

    /**
     * Issue 16: the relay's lock is taken by its read of the outbox (one round trip per wake-up, not two). While
     * another session holds the lock (another replica relaying), the read must return nothing, so nothing is sent;
     * once the lock is free the event is published without waiting for the backstop poll (the commit woke the
     * relay; the test frees the lock and commits an event, whose wake-up then finds both).
     */
    @Test
    void whileAnotherSessionHoldsTheRelaysLockNothingIsSentAndOnceFreeEveryRowIsPublishedOnce() throws Exception {
        String key = "locked-" + UUID.randomUUID();
        UUID held;
        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            held = QuarkusTransaction.requiringNew().call(() -> outbox.add("duban.task-events", key, "test.held", "h", Map.of("n", 1)));
            // the commit woke the relay; so does the backstop poll every second: neither may send it
            await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).until(() -> !published(held));
            assertEquals(0, KafkaProbe.readAll(TestInfra.get().bootstrapServers(), "duban.task-events").stream()
                    .filter(r -> key.equals(r.key())).count(), "sent while another session held the relay's lock");
            other.rollback();
        }
        UUID next = QuarkusTransaction.requiringNew().call(() -> outbox.add("duban.task-events", key, "test.next", "n", Map.of("n", 2)));

        await().atMost(Duration.ofSeconds(10)).until(() -> published(held) && published(next));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(
                List.of(held.toString(), next.toString()),
                KafkaProbe.readAll(TestInfra.get().bootstrapServers(), "duban.task-events").stream()
                        .filter(r -> key.equals(r.key())).map(r -> KafkaProbe.header(r, "ce_id")).toList()));
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
