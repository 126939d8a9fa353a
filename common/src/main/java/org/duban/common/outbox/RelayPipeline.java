package org.duban.common.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One lead of the relay (issue 16), pure logic: while this replica holds the relay's lock, it sends the
 * unpublished rows batch after batch, <em>pipelined</em> (hrelay): up to {@code batchesInFlight} batches are
 * in flight at once, and a batch is marked published while later ones' acks are awaited, so neither the wait
 * for a batch's acks nor the database commit of its mark is on the path from a later row's commit to its record
 * on the broker. The loop:
 *
 * <ol>
 * <li>read the unpublished rows in {@code seq} order, except those in flight or acknowledged but not yet
 * marked, when there may be rows to read: at the start, after a full batch (it may have left rows behind), or
 * after a commit woke the relay ({@link Wakeups}) — also while batches are in flight, up to the bound;</li>
 * <li>send them (one producer, in order: the order per key holds across batches as within one);</li>
 * <li>mark the acknowledged rows published (one statement, its own commit);</li>
 * <li>wait for the oldest batch's verdict or a wake-up, whichever comes first.</li>
 * </ol>
 *
 * A batch smaller than the batch size held every row there was to send when it was read; if no commit woke the
 * relay since, there is nothing to read after its acks: it is marked at once and the lead ends.
 *
 * A row is marked only after its ack. When Kafka refuses a record (htime3), the lead waits for the verdict on
 * every record already handed to the producer (in every batch in flight), marks those acknowledged (they are on
 * the topic: a re-send would only copy them) and ends; the refused row and the rows not acknowledged stay
 * unmarked for the next lead. A batch without a verdict within the send timeout (counted from its send) is
 * abandoned with every batch after it: their futures are completed, so none of their records is handed to the
 * producer after the lead gave up. When a step fails while batches are in flight, their verdicts are awaited (up
 * to the send timeout) before the lead ends, so the lock is never given up while this replica's records are
 * still on their way. Not thread-safe: one lead at a time.
 */
final class RelayPipeline {

    /** The relay's side effects: the database and Kafka. */
    interface Steps {
        /** Up to {@code limit} unpublished rows in {@code seq} order, without {@code excluding}. */
        List<OutboxRow> unpublished(int limit, List<Long> excluding);

        /**
         * Starts sending, in order after every batch sent before, and stops handing records to the producer at the
         * first refusal (of this batch or one sent before in this lead) or once the future is done; the future
         * completes once Kafka gave its verdict on every record handed over.
         */
        CompletableFuture<Sent> send(List<OutboxRow> batch);

        /** Every record of {@code batch} was acknowledged (metrics, the fault hook); before it is marked. */
        void acknowledged(List<OutboxRow> batch);

        /** Marks the rows published, committed before it returns. */
        void markPublished(List<Long> seqs);
    }

    /** The commits' wake-ups, seen by the lead. */
    interface Wakeups {
        /** Whether a commit woke the relay since the last call; clears it. */
        boolean take();

        /**
         * Waits until a commit wakes the relay (without clearing it) or {@code verdict} completes, at most until
         * {@code deadlineNanos} ({@link System#nanoTime()}).
         */
        void await(CompletableFuture<?> verdict, long deadlineNanos) throws InterruptedException;

        /** A supplier of wake-ups that never interrupts a wait: the lead waits for each verdict. */
        static Wakeups of(BooleanSupplier again) {
            return new Wakeups() {
                @Override
                public boolean take() {
                    return again.getAsBoolean();
                }

                @Override
                public void await(CompletableFuture<?> verdict, long deadlineNanos) throws InterruptedException {
                    try {
                        verdict.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (ExecutionException | TimeoutException | CancellationException e) {
                        // the pipeline reads the verdict itself
                    }
                }
            };
        }
    }

    /**
     * Kafka's verdict on a batch: the rows it acknowledged, in {@code seq} order, and its first refusal ({@code null}
     * when it acknowledged every row).
     */
    record Sent(List<OutboxRow> acked, Throwable refused) {
        static Sent all(List<OutboxRow> batch) {
            return new Sent(batch, null);
        }
    }

    /** A batch sent and not yet given its verdict. */
    private record Flight(List<OutboxRow> rows, CompletableFuture<Sent> verdict, long deadlineNanos) {
    }

    private final Steps steps;
    private final int batchSize;
    private final int batchesInFlight;
    private final Duration sendTimeout;

    RelayPipeline(Steps steps, int batchSize, Duration sendTimeout) {
        this(steps, batchSize, 1, sendTimeout);
    }

    RelayPipeline(Steps steps, int batchSize, int batchesInFlight, Duration sendTimeout) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        if (batchesInFlight < 1) {
            throw new IllegalArgumentException("batches in flight must be at least 1: " + batchesInFlight);
        }
        this.steps = steps;
        this.batchSize = batchSize;
        this.batchesInFlight = batchesInFlight;
        this.sendTimeout = sendTimeout;
    }

    /** {@link #run(Wakeups, BooleanSupplier)} with wake-ups that are only looked at, never waited for. */
    int run(BooleanSupplier again, BooleanSupplier stop) {
        return run(Wakeups.of(again), stop);
    }

    /**
     * Relays until nothing is in flight, nothing is left to read and no wake-up came, or until {@code stop};
     * returns how many rows it marked published.
     */
    int run(Wakeups wakeups, BooleanSupplier stop) {
        ArrayDeque<Flight> inFlight = new ArrayDeque<>();
        List<Long> toMark = new ArrayList<>();
        boolean mayHaveRows = true;
        int marked = 0;
        try {
            while (true) {
                if (mayHaveRows && inFlight.size() < batchesInFlight && !stop.getAsBoolean()) {
                    mayHaveRows = false;
                    List<OutboxRow> rows = steps.unpublished(batchSize, excluding(inFlight, toMark));
                    if (!rows.isEmpty()) {
                        inFlight.add(new Flight(rows, steps.send(rows), System.nanoTime() + sendTimeout.toNanos()));
                        mayHaveRows = rows.size() == batchSize; // a full batch may have left rows behind
                    }
                }
                if (!toMark.isEmpty()) {
                    steps.markPublished(toMark);
                    marked += toMark.size();
                    toMark = new ArrayList<>();
                }
                if (inFlight.isEmpty()) {
                    if (mayHaveRows && !stop.getAsBoolean()) {
                        continue;
                    }
                    if (!stop.getAsBoolean() && wakeups.take()) {
                        mayHaveRows = true; // committed while this lead ran: look once more before giving up the lock
                        continue;
                    }
                    return marked;
                }
                Flight head = inFlight.peek();
                boolean mayRead = inFlight.size() < batchesInFlight && !stop.getAsBoolean();
                if (!head.verdict().isDone()) {
                    if (mayHaveRows && mayRead) {
                        continue; // read on without waiting for the acks
                    }
                    if (mayRead) {
                        wakeups.await(head.verdict(), head.deadlineNanos());
                        if (!head.verdict().isDone() && System.nanoTime() - head.deadlineNanos() < 0) {
                            mayHaveRows = wakeups.take(); // woken by a commit: read the new rows now
                            continue;
                        }
                    }
                }
                inFlight.poll();
                Sent sent = verdict(head, inFlight);
                if (!sent.acked().isEmpty()) {
                    steps.acknowledged(sent.acked());
                    toMark.addAll(seqs(sent.acked()));
                }
                if (sent.refused() != null) {
                    refused(head, sent, inFlight, toMark);
                }
                if (!mayHaveRows && !stop.getAsBoolean() && inFlight.isEmpty() && wakeups.take()) {
                    mayHaveRows = true; // read the rows of the wake-up before the mark (it commits while they fly)
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(inFlight);
            throw new IllegalStateException("interrupted while sending the outbox", e);
        } catch (RuntimeException e) {
            awaitQuietly(inFlight);
            throw e;
        }
    }

    /** The verdict on {@code head}, waiting for it until its deadline; abandons it and the rest when none came. */
    private Sent verdict(Flight head, ArrayDeque<Flight> rest) throws InterruptedException {
        try {
            return head.verdict().get(Math.max(0, head.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // abandoned: the sender hands none of its records (nor the later batches') to the producer from now on
            head.verdict().completeExceptionally(e);
            abandon(rest);
            // Future.get's TimeoutException has no message: say what it means
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch of " + head.rows().size()
                    + " event(s) within " + sendTimeout.toSeconds() + " s (duban.outbox.send-timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw new IllegalStateException("Kafka refused the outbox batch of " + head.rows().size() + " event(s)", cause);
        } catch (CancellationException e) {
            throw new IllegalStateException("the outbox batch of " + head.rows().size() + " event(s) was cancelled", e);
        }
    }

    /**
     * Kafka refused a record of {@code head}: the verdicts on the later batches in flight are awaited, every
     * acknowledged row is marked, and the lead ends with the refusal.
     */
    private void refused(Flight head, Sent sent, ArrayDeque<Flight> inFlight, List<Long> toMark) throws InterruptedException {
        int acked = sent.acked().size();
        int rows = head.rows().size();
        while (!inFlight.isEmpty()) {
            Flight later = inFlight.poll();
            rows += later.rows().size();
            Sent verdict;
            try {
                verdict = verdict(later, inFlight);
            } catch (IllegalStateException e) {
                continue; // that batch failed as a whole: nothing of it to mark
            }
            if (!verdict.acked().isEmpty()) {
                steps.acknowledged(verdict.acked());
                toMark.addAll(seqs(verdict.acked()));
                acked += verdict.acked().size();
            }
        }
        if (!toMark.isEmpty()) {
            steps.markPublished(toMark);
        }
        throw new IllegalStateException("Kafka refused the outbox batch of " + rows + " event(s)"
                + (acked == 0 ? "" : " (" + acked + " acknowledged, marked published)"), sent.refused());
    }

    private static List<Long> excluding(ArrayDeque<Flight> inFlight, List<Long> toMark) {
        List<Long> seqs = new ArrayList<>(toMark);
        for (Flight f : inFlight) {
            seqs.addAll(seqs(f.rows()));
        }
        return seqs;
    }

    private static List<Long> seqs(List<OutboxRow> rows) {
        List<Long> seqs = new ArrayList<>(rows.size());
        for (OutboxRow r : rows) {
            seqs.add(r.seq());
        }
        return seqs;
    }

    /** Abandons the batches in flight: the sender hands none of their records to the producer from now on. */
    private static void abandon(ArrayDeque<Flight> inFlight) {
        for (Flight f : inFlight) {
            f.verdict().completeExceptionally(new CancellationException("the relay's lead gave up"));
        }
    }

    /** Waits for the batches in flight whose outcome no longer matters (the lead is failing anyway). */
    private static void awaitQuietly(ArrayDeque<Flight> inFlight) {
        for (Flight f : inFlight) {
            try {
                f.verdict().get(Math.max(0, f.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | CancellationException ignored) {
                // the rows stay unpublished; the next lead sends them again
            }
        }
    }
}
