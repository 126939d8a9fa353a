package org.duban.task.task;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Counts created tasks (issue 15): a single task, or the tasks of a drafted plan, once committed. */
@ApplicationScoped
public class TaskMeters {

    /** Tasks created (POST /tasks, or drafted with a plan) → {@code duban_tasks_created_total}. */
    static final String CREATED = "duban.tasks.created";

    /** Fired in the transaction that creates {@code count} tasks. */
    public record Created(int count) {
    }

    @Inject
    MeterRegistry registry;

    private Counter created;

    @PostConstruct
    void register() {
        created = Counter.builder(CREATED).description("Tasks created, alone or drafted with a plan").register(registry);
    }

    /** Created at start, so the counter exists (at 0) before the first task. */
    void start(@Observes StartupEvent event) {
        // observing the event instantiates the bean (register)
    }

    void onCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) Created event) {
        created.increment(event.count());
    }
}
