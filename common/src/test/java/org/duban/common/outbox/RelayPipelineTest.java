package org.duban.common.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's lead (issue 16): the order of its steps, and what it leaves behind when a step fails. */
class RelayPipelineTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An outbox table and a broker in memory; every step is logged in order. */
    static final class Fake implements RelayPipeline.Steps {
        final TreeMap<Long, Boolean> published = new TreeMap<>();
        final List<String> log = new ArrayList<>();
        final Map<Long, Integer> sent = new HashMap<>();
        /** Kafka's verdict on each sent batch; every record acknowledged at once unless the test says otherwise. */
        Function<List<OutboxRow>, CompletableFuture<RelayPipeline.Sent>> broker =
                batch -> CompletableFuture.completedFuture(RelayPipeline.Sent.all(batch));
        Runnable onMark = () -> { };

        Fake rows(long from, long to) {
            for (long s = from; s <= to; s++) {
                published.put(s, false);
            }
            return this;
        }

        @Override
        public List<OutboxRow> unpublished(int limit, List<Long> excluding) {
            log.add("select excluding " + excluding);
            return published.entrySet().stream().filter(e -> !e.getValue() && !excluding.contains(e.getKey()))
                    .limit(limit).map(e -> row(e.getKey())).toList();
        }

        @Override
        public CompletableFuture<RelayPipeline.Sent> send(List<OutboxRow> batch) {
            List<Long> seqs = seqs(batch);
            log.add("send " + seqs);
            seqs.forEach(s -> sent.merge(s, 1, Integer::sum));
            return broker.apply(batch);
        }

        @Override
        public void acknowledged(List<OutboxRow> batch) {
            log.add("acked " + seqs(batch));
        }

        @Override
        public void markPublished(List<Long> seqs) {
            onMark.run();
            log.add("mark " + seqs);
            seqs.forEach(s -> published.put(s, true));
        }

        static List<Long> seqs(List<OutboxRow> batch) {
            return batch.stream().map(OutboxRow::seq).toList();
        }

        static OutboxRow row(long seq) {
            return new OutboxRow(seq, UUID.randomUUID(), "duban.task-events", "task-" + seq, "task.assigned",
                    "/duban/task-service", "s", OffsetDateTime.now(), "{}", null, null);
        }
    }

    static int run(Fake fake, int batchSize) {
        return new RelayPipeline(fake, batchSize, TIMEOUT).run(() -> false, () -> false);
    }

    @Test
    void theNextBatchIsSentAsSoonAsThePreviousIsAcknowledgedAndThePreviousIsMarkedWhileItsAcksAreAwaited() {
        Fake fake = new Fake().rows(1, 5);

        assertEquals(5, run(fake, 2));

        // the old relay marked a batch (and committed) before it read the next one
        assertEquals(List.of(
                "select excluding []", "send [1, 2]", "acked [1, 2]",
                "select excluding [1, 2]", "send [3, 4]", "mark [1, 2]", "acked [3, 4]",
                "select excluding [3, 4]", "send [5]", "mark [3, 4]", "acked [5]",
                "mark [5]"), fake.log);
    }

    @Test
    void aBatchSmallerThanTheBatchSizeIsMarkedRightAfterItsAcksWithoutAnotherRead() {
        Fake fake = new Fake().rows(1, 3);

        assertEquals(3, run(fake, 10));

        // the read had every row there was and no commit woke the relay since: nothing to read before the mark
        assertEquals(List.of("select excluding []", "send [1, 2, 3]", "acked [1, 2, 3]", "mark [1, 2, 3]"), fake.log);
    }

    @Test
    void aFullBatchIsFollowedByAnotherReadEvenWithoutAWakeUp() {
        Fake fake = new Fake().rows(1, 2);

        assertEquals(2, run(fake, 2));

        // a full batch may have left rows behind: read on before the lead ends
        assertEquals(List.of("select excluding []", "send [1, 2]", "acked [1, 2]", "select excluding [1, 2]",
                "mark [1, 2]"), fake.log);
    }

    @Test
    void everyRowIsSentOnceAndMarkedOnceAcrossManyBatches() {
        Fake fake = new Fake().rows(1, 450);

        assertEquals(450, run(fake, 200));

        assertEquals(450, fake.sent.size());
        assertTrue(fake.sent.values().stream().allMatch(n -> n == 1), "a row sent twice: " + fake.sent);
        assertTrue(fake.published.values().stream().allMatch(p -> p), "a row left unmarked");
        assertEquals(3, fake.log.stream().filter(l -> l.startsWith("send")).count(), "200 + 200 + 50");
    }

    @Test
    void aRefusedBatchIsNeitherAcknowledgedNorMarkedAndNothingAfterItIsSent() {
        Fake fake = new Fake().rows(1, 5);
        fake.broker = batch -> batch.get(0).seq() == 3
                ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
                : CompletableFuture.completedFuture(RelayPipeline.Sent.all(batch));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(fake, 2));

        assertEquals("Kafka refused the outbox batch of 2 event(s)", e.getMessage());
        assertEquals("broker away", e.getCause().getMessage());
        // the batch before was acknowledged: it is marked (while the refused one was in flight)
        assertEquals(List.of("select excluding []", "send [1, 2]", "acked [1, 2]",
                "select excluding [1, 2]", "send [3, 4]", "mark [1, 2]"), fake.log);
        assertEquals(Map.of(1L, true, 2L, true, 3L, false, 4L, false, 5L, false), fake.published);
    }

    @Test
    void aBatchNotAcknowledgedWithinTheSendTimeoutEndsTheLeadWithItsRowsUnmarked() {
        Fake fake = new Fake().rows(1, 3);
        List<CompletableFuture<RelayPipeline.Sent>> inFlight = new ArrayList<>();
        fake.broker = batch -> { // the broker never answers
            CompletableFuture<RelayPipeline.Sent> f = new CompletableFuture<>();
            inFlight.add(f);
            return f;
        };

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RelayPipeline(fake, 10, Duration.ofMillis(20)).run(() -> false, () -> false));

        assertTrue(e.getMessage().startsWith("Kafka did not acknowledge the outbox batch of 3 event(s)"), e.getMessage());
        assertEquals(List.of("select excluding []", "send [1, 2, 3]"), fake.log);
        assertTrue(fake.published.values().stream().noneMatch(p -> p));
        // abandoned (htime3): the sender stops handing its records to the producer (before, it went on after the
        // lead gave up, and the next lead's sends of the same rows queued behind it)
        assertTrue(inFlight.get(0).isDone(), "the abandoned batch's future is completed");
    }

    /**
     * htime3: Kafka refused one record in the middle of a batch and acknowledged others (another partition, or a
     * later batch of the producer): the acknowledged rows are marked (they are on the topic), the refused one and
     * those after it that were not acknowledged stay for the next lead, and the lead ends with the refusal.
     */
    @Test
    void aBatchWithARefusedRecordMarksTheAcknowledgedRowsOnlyAndLeavesTheRestForTheNextLead() {
        Fake fake = new Fake().rows(1, 5);
        IllegalStateException refusal = new IllegalStateException("MESSAGE_TOO_LARGE");
        fake.broker = batch -> CompletableFuture.completedFuture(new RelayPipeline.Sent(
                batch.stream().filter(r -> r.seq() != 3 && r.seq() != 5).toList(), refusal));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(fake, 10));

        assertEquals("Kafka refused the outbox batch of 5 event(s) (3 acknowledged, marked published)", e.getMessage());
        assertEquals(refusal, e.getCause());
        assertEquals(List.of("select excluding []", "send [1, 2, 3, 4, 5]", "acked [1, 2, 4]", "mark [1, 2, 4]"), fake.log);
        assertEquals(Map.of(1L, true, 2L, true, 3L, false, 4L, true, 5L, false), fake.published);

        // the next lead sends what is left, in seq order
        fake.broker = batch -> CompletableFuture.completedFuture(RelayPipeline.Sent.all(batch));
        assertEquals(2, run(fake, 10));
        assertTrue(fake.log.contains("send [3, 5]"), fake.log.toString());
        assertTrue(fake.published.values().stream().allMatch(p -> p));
    }

    @Test
    void whenMarkingFailsTheBatchInFlightIsAwaitedBeforeTheLeadEnds() {
        Fake fake = new Fake().rows(1, 4);
        AtomicInteger batches = new AtomicInteger();
        List<Runnable> inFlight = new ArrayList<>();
        List<Boolean> awaited = new ArrayList<>();
        fake.broker = batch -> {
            if (batches.incrementAndGet() == 1) {
                return CompletableFuture.completedFuture(RelayPipeline.Sent.all(batch));
            }
            CompletableFuture<RelayPipeline.Sent> f = new CompletableFuture<>() {
                @Override
                public RelayPipeline.Sent get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                        TimeoutException {
                    awaited.add(true);
                    return super.get(timeout, unit);
                }
            };
            inFlight.add(() -> f.complete(RelayPipeline.Sent.all(batch)));
            return f;
        };
        fake.onMark = () -> {
            inFlight.forEach(Runnable::run); // the broker answers; the database does not
            throw new IllegalStateException("database away");
        };

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(fake, 2));

        assertEquals("database away", e.getMessage());
        assertEquals(List.of(true), awaited, "the lock is not given up while a batch of this relay is in flight");
        assertTrue(fake.published.values().stream().noneMatch(p -> p), "nothing marked: sent again by the next lead");
    }

    @Test
    void rowsCommittedDuringTheLeadAreSentInTheSameLead() {
        Fake fake = new Fake().rows(1, 2);
        AtomicInteger wakes = new AtomicInteger();

        int n = new RelayPipeline(fake, 10, TIMEOUT).run(() -> {
            if (wakes.incrementAndGet() == 1) {
                fake.rows(3, 3); // a commit woke the relay while it was leading
                return true;
            }
            return false;
        }, () -> false);

        assertEquals(3, n);
        // the wake-up came while [1, 2] were in flight: read on (marking [1, 2] while [3] is in flight)
        assertEquals(List.of("select excluding []", "send [1, 2]", "acked [1, 2]",
                "select excluding [1, 2]", "send [3]", "mark [1, 2]", "acked [3]", "mark [3]"), fake.log);
    }

    @Test
    void aStoppingRelayMarksWhatWasAcknowledgedAndSendsNothingMore() {
        Fake fake = new Fake().rows(1, 4);
        AtomicInteger asked = new AtomicInteger();

        int n = new RelayPipeline(fake, 2, TIMEOUT).run(() -> false, () -> asked.incrementAndGet() > 1);

        assertEquals(2, n);
        assertEquals(List.of("select excluding []", "send [1, 2]", "acked [1, 2]", "mark [1, 2]"), fake.log);
    }

    /** Wake-ups scripted per wait: each {@link #await} runs the next step (a commit, the broker's answer). */
    static final class ScriptedWakeups implements RelayPipeline.Wakeups {
        final List<Runnable> script = new ArrayList<>();
        boolean raised;

        @Override
        public boolean take() {
            boolean r = raised;
            raised = false;
            return r;
        }

        @Override
        public void await(CompletableFuture<?> verdict, long deadlineNanos) {
            assertTrue(!script.isEmpty(), "the lead waited once more than the test expected");
            script.remove(0).run();
        }
    }

    /**
     * hrelay: a row committed while a batch is in flight is read and sent at the commit's wake-up, without waiting
     * for that batch's acks (before, it waited for the acks — and, in the relay, for the lead to end).
     */
    @Test
    void aRowCommittedWhileABatchIsInFlightIsSentWithoutWaitingForThatBatchsAcks() {
        for (int inFlight : new int[] {1, 4}) {
            Fake fake = new Fake().rows(1, 2);
            ScriptedWakeups wakeups = new ScriptedWakeups();
            List<Runnable> answers = new ArrayList<>();
            fake.broker = batch -> {
                CompletableFuture<RelayPipeline.Sent> f = new CompletableFuture<>() {
                    @Override
                    public RelayPipeline.Sent get(long timeout, TimeUnit unit) { // a lead that can only wait for it
                        if (inFlight == 1 && batch.get(0).seq() == 1) {
                            fake.rows(3, 3); // the commit comes while [1, 2] is in flight
                            wakeups.raised = true;
                        }
                        complete(RelayPipeline.Sent.all(batch));
                        return join();
                    }
                };
                answers.add(() -> f.complete(RelayPipeline.Sent.all(batch)));
                return f;
            };
            wakeups.script.add(() -> { // [1, 2] in flight: a commit wakes the relay
                fake.rows(3, 3);
                wakeups.raised = true;
            });
            wakeups.script.add(() -> answers.forEach(Runnable::run));

            int n = new RelayPipeline(fake, 10, inFlight, TIMEOUT).run(wakeups, () -> false);

            assertEquals(3, n);
            assertEquals(inFlight == 1
                    ? List.of("select excluding []", "send [1, 2]", "acked [1, 2]", "select excluding [1, 2]", "send [3]",
                            "mark [1, 2]", "acked [3]", "mark [3]")
                    : List.of("select excluding []", "send [1, 2]", "select excluding [1, 2]", "send [3]",
                            "acked [1, 2]", "mark [1, 2]", "acked [3]", "mark [3]"), fake.log, "in flight " + inFlight);
            assertTrue(fake.published.values().stream().allMatch(p -> p));
        }
    }

    /** hrelay: a backlog is read and sent batch after batch without waiting for acks, up to the bound in flight. */
    @Test
    void aBacklogIsSentBatchAfterBatchUpToTheBoundInFlightEachRowOnceAndMarkedOnlyAfterItsAck() {
        Fake fake = new Fake().rows(1, 9);
        List<Long> ackedSoFar = new ArrayList<>();
        fake.broker = batch -> new CompletableFuture<>() {
            @Override
            public RelayPipeline.Sent get(long timeout, TimeUnit unit) { // the broker answers when the lead asks
                complete(RelayPipeline.Sent.all(batch));
                return join();
            }
        };
        fake.onMark = () -> ackedSoFar.addAll(fake.log.stream().filter(l -> l.startsWith("acked"))
                .flatMap(l -> java.util.Arrays.stream(l.replaceAll("[^0-9,]", "").split(","))).map(Long::valueOf).toList());

        assertEquals(9, new RelayPipeline(fake, 2, 3, TIMEOUT).run(() -> false, () -> false));

        assertEquals(List.of("select excluding []", "send [1, 2]", "select excluding [1, 2]", "send [3, 4]",
                "select excluding [1, 2, 3, 4]", "send [5, 6]", "acked [1, 2]"), fake.log.subList(0, 7),
                "three batches in flight, then the oldest's verdict before a fourth read");
        assertTrue(fake.sent.values().stream().allMatch(c -> c == 1), "a row sent twice: " + fake.sent);
        assertTrue(fake.published.values().stream().allMatch(p -> p), "a row left unmarked");
        for (String l : fake.log) {
            if (l.startsWith("mark")) {
                for (String seq : l.replaceAll("[^0-9,]", "").split(",")) {
                    assertTrue(ackedSoFar.contains(Long.valueOf(seq)), "marked before its ack: " + seq + " in " + fake.log);
                }
            }
        }
    }

    /**
     * hrelay: Kafka refuses a record of the oldest batch while a later one is in flight: the later one's verdict is
     * awaited, every acknowledged row is marked, the rest stays for the next lead, and the lead ends with the refusal.
     */
    @Test
    void aRefusalWhileLaterBatchesAreInFlightMarksEveryAcknowledgedRowAndEndsTheLead() {
        Fake fake = new Fake().rows(1, 4);
        IllegalStateException refusal = new IllegalStateException("MESSAGE_TOO_LARGE");
        List<Runnable> answers = new ArrayList<>();
        fake.broker = batch -> {
            CompletableFuture<RelayPipeline.Sent> f = new CompletableFuture<>();
            answers.add(() -> f.complete(batch.get(0).seq() == 1
                    ? new RelayPipeline.Sent(List.of(batch.get(0)), refusal) // [2] refused, [1] acknowledged
                    : RelayPipeline.Sent.all(batch)));
            return f;
        };
        ScriptedWakeups wakeups = new ScriptedWakeups();
        wakeups.script.add(() -> answers.forEach(Runnable::run)); // both batches in flight: the broker answers

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RelayPipeline(
                fake, 2, 4, TIMEOUT).run(wakeups, () -> false));

        assertEquals("Kafka refused the outbox batch of 4 event(s) (3 acknowledged, marked published)", e.getMessage());
        assertEquals(refusal, e.getCause());
        assertEquals(Map.of(1L, true, 2L, false, 3L, true, 4L, true), fake.published);
        assertEquals(List.of("select excluding []", "send [1, 2]", "select excluding [1, 2]", "send [3, 4]",
                "select excluding [1, 2, 3, 4]", "acked [1]", "acked [3, 4]", "mark [1, 3, 4]"), fake.log);
    }

    @Test
    void theBatchesInFlightAreAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new RelayPipeline(new Fake(), 1, 0, TIMEOUT));
        Fake fake = new Fake().rows(1, 3);
        assertEquals(3, new RelayPipeline(fake, 1, 1, TIMEOUT).run(() -> false, () -> false));
        assertEquals(List.of("select excluding []", "send [1]", "acked [1]", "select excluding [1]", "send [2]", "mark [1]",
                "acked [2]", "select excluding [2]", "send [3]", "mark [2]", "acked [3]", "select excluding [3]", "mark [3]"),
                fake.log);
    }

    @Test
    void theBatchSizeIsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new RelayPipeline(new Fake(), 0, TIMEOUT));
        Fake fake = new Fake().rows(1, 2);
        assertEquals(2, run(fake, 1));
        assertEquals(2, fake.log.stream().filter(l -> l.startsWith("send")).count());
    }
}
