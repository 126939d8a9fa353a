package org.duban.task.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.messaging.ProcessedEvents;
import org.duban.common.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hourly purges delete what is old and keep the rest; both are served by an index. */
@QuarkusTest
class PurgeTest {

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Inject
    ProcessedEvents processed;

    final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    @Test
    void publishedRowsOlderThanTheRetentionGoUnpublishedAndRecentOnesStay() {
        String key = "purge-" + UUID.randomUUID();
        UUID oldPublished = outboxRow(key, now.minusDays(30), now.minusDays(30));
        UUID recentPublished = outboxRow(key, now.minusDays(30), now.minusHours(1));
        // never purged, however old: it still has to be sent (the relay may send it meanwhile: then it is recent)
        UUID oldUnpublished = outboxRow(key, now.minusDays(30), null);

        relay.purgePublishedBefore(now.minusDays(7));

        assertEquals(Set.of(recentPublished, oldUnpublished), Set.copyOf(outboxIds(key)));
        assertFalse(outboxIds(key).contains(oldPublished));
    }

    @Test
    void processedEventIdsOlderThanTheRetentionGoRecentOnesStay() {
        String consumer = "purge-test-" + UUID.randomUUID();
        processedRow(consumer, "old", now.minusDays(20));
        processedRow(consumer, "recent", now.minusDays(2));

        processed.purgeBefore(now.minusDays(14));

        assertEquals(List.of("recent"), QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT event_id FROM processed_event WHERE consumer = ?1", String.class)
                .setParameter(1, consumer).getResultList()));
    }

    @Test
    void bothPurgesCanUseAnIndex() {
        // with sequential scans priced out, the planner shows the index it has (none: a Seq Scan)
        assertPlanUses("outbox_event_published",
                "DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < now() - interval '7 days'");
        assertPlanUses("processed_event_processed_at",
                "DELETE FROM processed_event WHERE processed_at < now() - interval '14 days'");
    }

    private void assertPlanUses(String index, String statement) {
        String plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("EXPLAIN " + statement, String.class).getResultList();
            return String.join("\n", lines);
        });
        assertTrue(plan.contains(index), plan);
    }

    private UUID outboxRow(String key, OffsetDateTime occurred, OffsetDateTime published) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, published_at)
                        VALUES (?1, 'duban.task-events', ?2, 'test.purge', '/test', NULL, ?3, CAST('{}' AS jsonb), ?4)""")
                .setParameter(1, id).setParameter(2, key).setParameter(3, occurred).setParameter(4, published)
                .executeUpdate());
        return id;
    }

    private List<UUID> outboxIds(String key) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT id FROM outbox_event WHERE record_key = ?1", UUID.class)
                .setParameter(1, key).getResultList());
    }

    private void processedRow(String consumer, String eventId, OffsetDateTime at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, at).executeUpdate());
    }
}
