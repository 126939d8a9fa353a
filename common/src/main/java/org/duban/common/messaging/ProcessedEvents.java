package org.duban.common.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.consuming.ConsumedEvents;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The idempotent-consumer log. Call {@link #firstTime} inside the transaction of the effect:
 * the id and the effect commit together or not at all, so a redelivered event changes nothing.
 * Only consumers whose effect is not idempotent by itself need it (notification-service's task
 * events); a registry snapshot consumer's version guard already makes a replay a no-op.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    @Inject
    EntityManager em;

    @Inject
    ConsumedEvents consumed;

    /**
     * How long an applied event's id is kept: longer than any redelivery (the outbox relay re-sends
     * within minutes; a consumer group rewound to the topic's start re-reads up to its retention,
     * 7 days in production), so every replay still finds its id.
     */
    @ConfigProperty(name = "duban.messaging.processed-retention", defaultValue = "14d")
    Duration retention;

    /**
     * Records that {@code consumer} applied {@code eventId}; false if it already had. A concurrent
     * attempt with the same id waits on the key and then sees false.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String consumer, String eventId) {
        boolean first = em.createNativeQuery("""
                INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
        if (!first) {
            consumed.duplicate(); // counted as a duplicate, not applied (duban.events.consumed)
        }
        return first;
    }

    /**
     * {@link #firstTime} for many events in one statement (a consumer applying a batch in one transaction):
     * records that {@code consumer} applied each of {@code eventIds} and returns those it had not applied
     * before, each once (an id twice in the list is new at most once). A concurrent transaction inserting
     * one of them waits on the key, and then does not see it as new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstTimes(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        String[] ids = new LinkedHashSet<>(eventIds).toArray(String[]::new);
        return em.unwrap(Session.class).doReturningWork(c -> {
            Set<String> first = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO processed_event (consumer, event_id)
                    SELECT ?, id FROM unnest(CAST(? AS text[])) AS ids(id)
                    ON CONFLICT DO NOTHING
                    RETURNING event_id""")) {
                st.setString(1, consumer);
                st.setArray(2, c.createArrayOf("text", ids));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getString(1));
                    }
                }
            }
            return first;
        });
    }

    // every replica may run it: the delete is idempotent
    @Scheduled(every = "${duban.messaging.processed-purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        int n = purgeBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
        if (n > 0) {
            LOG.debugf("processed_event: purged %d ids older than %s", n, retention);
        }
    }

    /** Deletes the ids applied before {@code before} (index processed_event_processed_at); how many. */
    public int purgeBefore(OffsetDateTime before) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "DELETE FROM processed_event WHERE processed_at < ?1").setParameter(1, before).executeUpdate());
    }
}
