package org.duban.task.reminder;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs reminder passes every {@code duban.reminders.every} on every replica where
 * {@code duban.reminders.enabled}; the passes of several replicas never take the same row.
 */
@ApplicationScoped
public class ReminderScheduler {

    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class);

    @Inject
    Reminders reminders;

    @Inject
    ReminderConfig config;

    @Scheduled(every = "${duban.reminders.every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        try {
            int n;
            int total = 0;
            do {
                n = reminders.runPass();
                total += n;
            } while (n >= config.batchSize());
            if (total > 0) {
                LOG.debugf("reminders: %d fired or retired", total);
            }
        } catch (RuntimeException e) {
            LOG.warn("reminder pass failed; the next tick retries", e);
        }
    }
}
