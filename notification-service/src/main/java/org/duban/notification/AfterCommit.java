package org.duban.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a step once the current transaction has committed (at once when there is none). The domain
 * counters count what happened, not what was tried: a consumer transaction that rolls back and is
 * retried in place, or a worker whose outcome was not applied, must not count twice.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void run(Runnable step) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            step.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    step.run();
                }
            }
        });
    }
}
