package org.duban.common.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Deletes expired Idempotency-Key rows; every replica may run it (the delete is idempotent). */
@ApplicationScoped
public class IdempotencyPurge {

    @Inject
    EntityManager em;

    @Scheduled(every = "${duban.idempotency.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        purgeExpired();
    }

    /** The number of expired keys deleted. */
    @Transactional
    public int purgeExpired() {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE expires_at < now()").executeUpdate();
    }
}
