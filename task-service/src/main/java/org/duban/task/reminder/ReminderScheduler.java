package org.duban.task.reminder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs reminder passes every {@code duban.reminders.every} on every replica where
 * {@code duban.reminders.enabled}; the passes of several replicas never take the same row.
 * Measures them (issue 15, docs/operations.md#metrics).
 */
@ApplicationScoped
public class ReminderScheduler {

    /** One scheduler pass (every batch until none is full) → {@code duban_reminder_pass_seconds}. */
    static final String PASS = "duban.reminder.pass";
    /** Reminders that became events (committed) → {@code duban_reminder_fired_total}. */
    static final String FIRED = "duban.reminder.fired";
    /** Passes that failed (the next tick retries) → {@code duban_reminder_pass_failures_total}. */
    static final String PASS_FAILURES = "duban.reminder.pass.failures";

    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class);

    @Inject
    Reminders reminders;

    @Inject
    ReminderConfig config;

    @Inject
    MeterRegistry registry;

    private Timer pass;
    private Counter fired;
    private Counter failures;

    @PostConstruct
    void register() {
        pass = Timer.builder(PASS).description("One reminder scheduler pass").register(registry);
        fired = Counter.builder(FIRED).description("Reminders that became events").register(registry);
        failures = Counter.builder(PASS_FAILURES).description("Reminder passes that failed").register(registry);
    }

    /** Created at start, so the meters exist (at 0) before the first pass. */
    void start(@Observes StartupEvent event) {
        // nothing more: observing the event instantiates the bean (register)
    }

    @Scheduled(every = "${duban.reminders.every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            pass();
        }
    }

    /** One pass: batches until one is not full. A failure is logged and counted; the next tick retries. */
    public void pass() {
        Timer.Sample sample = Timer.start(registry);
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
            failures.increment();
            LOG.warn("reminder pass failed; the next tick retries", e);
        } finally {
            sample.stop(pass);
        }
    }

    /** Counted once the pass's transaction committed: a rolled-back pass fired nothing. */
    void onFired(@Observes(during = TransactionPhase.AFTER_SUCCESS) Reminders.Fired event) {
        fired.increment(event.count());
    }
}
