package org.duban.common.consuming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** duban.events.consumed as RecordRetry counts it: one outcome per record, retried once per wait. */
class ConsumedEventsTest {

    private static final InPlaceRetry.Policy POLICY = new InPlaceRetry.Policy(Duration.ofMillis(1), Duration.ofMillis(2), 3);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumedEvents consumed = new ConsumedEvents();
    private final RecordRetry retry = new RecordRetry();

    @BeforeEach
    void wire() {
        consumed.registry = registry;
        retry.consumed = consumed;
        // no dataSource: the probe says "the database does not answer"
    }

    private static ConsumerRecord<String, String> record(String type) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("duban.task-events", 0, 7L, "k", "{}");
        if (type != null) {
            r.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        }
        return r;
    }

    private double count(String type, String outcome) {
        Counter c = registry.find(ConsumedEvents.NAME).tags("consumer", "inbox", "type", type, "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private InPlaceRetry.Outcome run(ConsumerRecord<String, String> record, InPlaceRetry.Step step) throws InterruptedException {
        return retry.run("inbox test", "inbox", record, ConsumedEvents.PARKED, step, POLICY);
    }

    /** hcons4: the counters are kept once registered; each (consumer, type, outcome) still counts on its own. */
    @Test
    void everyConsumerTypeAndOutcomeCountsOnItsOwnCounter() {
        for (int i = 0; i < 3; i++) {
            consumed.count("inbox", record("task.assigned"), ConsumedEvents.APPLIED);
        }
        consumed.count("inbox", record("task.urged"), ConsumedEvents.APPLIED);
        consumed.count("inbox", record("task.assigned"), ConsumedEvents.DUPLICATE);
        consumed.count("other", record("task.assigned"), ConsumedEvents.APPLIED);
        assertEquals(3, count("task.assigned", ConsumedEvents.APPLIED));
        assertEquals(1, count("task.urged", ConsumedEvents.APPLIED));
        assertEquals(1, count("task.assigned", ConsumedEvents.DUPLICATE));
        assertEquals(1, registry.find(ConsumedEvents.NAME).tags("consumer", "other").counter().count());
        assertEquals(4, registry.find(ConsumedEvents.NAME).counters().size());
    }

    @Test
    void anAppliedRecordCountsOnceAsApplied() throws InterruptedException {
        assertTrue(run(record("task.assigned"), () -> { }).applied());
        assertEquals(1, count("task.assigned", ConsumedEvents.APPLIED));
        assertEquals(0, count("task.assigned", ConsumedEvents.DUPLICATE));
    }

    @Test
    void aRecordWhoseIdWasProcessedBeforeCountsAsDuplicateNotApplied() throws InterruptedException {
        // what ProcessedEvents.firstTime does when the id is already there
        assertTrue(run(record("task.urged"), consumed::duplicate).applied());
        assertEquals(1, count("task.urged", ConsumedEvents.DUPLICATE));
        assertEquals(0, count("task.urged", ConsumedEvents.APPLIED));
        // the mark does not outlive its record
        assertTrue(run(record("task.urged"), () -> { }).applied());
        assertEquals(1, count("task.urged", ConsumedEvents.APPLIED));
    }

    @Test
    void aDuplicateOfAnAttemptThatFailedDoesNotMarkTheNextAttempt() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        assertTrue(run(record("task.overdue"), () -> {
            if (calls.incrementAndGet() == 1) {
                consumed.duplicate();
                throw new RuntimeException(new SQLException("terminating connection", "57P01"));
            }
        }).applied());
        assertEquals(1, count("task.overdue", ConsumedEvents.APPLIED));
        assertEquals(0, count("task.overdue", ConsumedEvents.DUPLICATE));
    }

    @Test
    void everyWaitCountsAsRetriedAndTheRecordThenAsApplied() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        assertTrue(run(record("task.assigned"), () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new RuntimeException(new SQLException("the database system is starting up", "57P03"));
            }
        }).applied());
        assertEquals(2, count("task.assigned", ConsumedEvents.RETRIED));
        assertEquals(1, count("task.assigned", ConsumedEvents.APPLIED));
    }

    @Test
    void aRecordGivenUpCountsAsWhatTheCallerDoesWithIt() throws InterruptedException {
        assertFalse(run(record("task.assigned"), () -> {
            throw new Poison(Poison.UNKNOWN_UNIT, "unit xyz is not in the replica");
        }).applied());
        assertEquals(1, count("task.assigned", ConsumedEvents.PARKED));
        assertEquals(0, count("task.assigned", ConsumedEvents.APPLIED));
        assertEquals(0, count("task.assigned", ConsumedEvents.RETRIED), "a poison is not retried");
    }

    @Test
    void aMissingOrHostileTypeIsCountedAsUnknown() throws InterruptedException {
        run(record(null), () -> { });
        run(record("x".repeat(200)), () -> { });
        run(record("Task.Assigned; DROP"), () -> { });
        assertEquals(3, count("unknown", ConsumedEvents.APPLIED));
        assertEquals(1, registry.find(ConsumedEvents.NAME).counters().size(), "one series for all three");
    }
}
