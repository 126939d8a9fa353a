package org.duban.task.reminder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scheduler's meters around passes (plain JUnit: the database's part is TaskMetricsTest's). */
class ReminderSchedulerMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReminderScheduler scheduler = new ReminderScheduler();
    private final Deque<Object> results = new ArrayDeque<>();

    @BeforeEach
    void wire() {
        scheduler.registry = registry;
        scheduler.config = new ReminderConfig() {
            public boolean enabled() {
                return true;
            }

            public String every() {
                return "5s";
            }

            public LocalTime timeOfDay() {
                return LocalTime.of(9, 0);
            }

            public int batchSize() {
                return 2;
            }
        };
        scheduler.reminders = new Reminders() {
            @Override
            public int runPass() {
                Object r = results.pop();
                if (r instanceof RuntimeException e) {
                    throw e;
                }
                return (Integer) r;
            }
        };
        scheduler.register();
    }

    @Test
    void aPassOfSeveralBatchesIsOneTimedPass() {
        results.addAll(List.of(2, 2, 1)); // two full batches, then one that is not
        scheduler.pass();
        assertEquals(1, registry.get(ReminderScheduler.PASS).timer().count());
        assertEquals(0, registry.get(ReminderScheduler.PASS_FAILURES).counter().count());
        assertEquals(0, results.size(), "ran until a batch was not full");
    }

    @Test
    void aFailingPassIsCountedAndStillTimed() {
        results.addAll(List.of(2, new IllegalStateException("canceling statement due to statement timeout"), 0));
        scheduler.pass();
        scheduler.pass(); // the next one (nothing due) succeeds
        assertEquals(1, registry.get(ReminderScheduler.PASS_FAILURES).counter().count());
        assertEquals(2, registry.get(ReminderScheduler.PASS).timer().count(), "the failed pass is timed too");
    }

    @Test
    void firedRemindersAreCountedFromTheCommittedPassesEvent() {
        scheduler.onFired(new Reminders.Fired(3));
        scheduler.onFired(new Reminders.Fired(2));
        assertEquals(5, registry.get(ReminderScheduler.FIRED).counter().count());
    }
}
