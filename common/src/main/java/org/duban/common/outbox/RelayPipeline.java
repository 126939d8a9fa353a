package org.duban.common.outbox;

import java.time.Duration;
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
 * unpublished rows batch after batch, and marks a batch published <em>while the next batch's acks are
 * awaited</em>, so the database commit of the mark is not on the path from a row's commit to its record on
 * the broker. The order per batch:
 *
 * <ol>
 * <li>select the unpublished rows in {@code seq} order, except those of the batch acknowledged but not yet
 * marked (at most one such batch);</li>
 * <li>send them (the producer keeps their order);</li>
 * <li>mark the previous batch published (its acks arrived before this batch was selected);</li>
 * <li>wait for every ack of this batch; it becomes the batch to mark.</li>
 * </ol>
 *
 * A batch smaller than the batch size held every row there was to send when it was read; if no commit woke the
 * relay since ({@code again}), there is nothing to read after its acks: it is marked at once and the lead ends,
 * without one more read of the outbox before the mark (that read sat on every event's way from commit to
 * published, one at a time). A wake-up since, or a full batch, reads on.
 *
 * A batch is sent only once Kafka gave its verdict on every record of the previous one. A row is marked only
 * after its ack. When Kafka refuses a record (htime3), the lead waits for the verdict on every record already
 * handed to the producer, marks those acknowledged (they are on the topic: a re-send would only copy them) and
 * ends; the refused row and the rows not yet handed over stay unmarked for the next lead (sent again, consumers
 * deduplicate), and the rows after them are not held back by a record the broker keeps refusing. A batch
 * without a verdict within the send timeout is abandoned: its future is completed, so none of its records is
 * handed to the producer after the lead gave up. When a step fails while a batch is in flight, its acks are
 * awaited (up to the send timeout) before the lead ends, so the lock is never given up while this replica's
 * records are still on their way. Not thread-safe: one lead at a time.
 */
final class RelayPipeline {

    /** The relay's side effects: the database and Kafka. */
    interface Steps {
        /** Up to {@code limit} unpublished rows in {@code seq} order, without {@code excluding}. */
        List<OutboxRow> unpublished(int limit, List<Long> excluding);

        /**
         * Starts sending, in order, and stops handing records to the producer at the first refusal or once the
         * future is done; the future completes once Kafka gave its verdict on every record handed over.
         */
        CompletableFuture<Sent> send(List<OutboxRow> batch);

        /** Every record of {@code batch} was acknowledged (metrics, the fault hook); before it is marked. */
        void acknowledged(List<OutboxRow> batch);

        /** Marks the rows published, committed before it returns. */
        void markPublished(List<Long> seqs);
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

    private final Steps steps;
    private final int batchSize;
    private final Duration sendTimeout;

    RelayPipeline(Steps steps, int batchSize, Duration sendTimeout) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        this.steps = steps;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Relays until nothing is left to send and {@code again} (a wake-up that came during the lead) says
     * nothing more was committed, or until {@code stop}; returns how many rows it marked published.
     */
    int run(BooleanSupplier again, BooleanSupplier stop) {
        List<Long> toMark = List.of();
        int marked = 0;
        while (true) {
            List<OutboxRow> rows = stop.getAsBoolean() ? List.of() : steps.unpublished(batchSize, toMark);
            if (rows.isEmpty()) {
                if (!toMark.isEmpty()) {
                    steps.markPublished(toMark);
                    marked += toMark.size();
                    toMark = List.of();
                }
                if (!stop.getAsBoolean() && again.getAsBoolean()) {
                    continue; // committed while this lead ran: look once more before giving up the lock
                }
                return marked;
            }
            CompletableFuture<Sent> acks = steps.send(rows);
            if (!toMark.isEmpty()) {
                try {
                    steps.markPublished(toMark);
                } catch (RuntimeException e) {
                    awaitQuietly(acks);
                    throw e;
                }
                marked += toMark.size();
            }
            Sent sent = await(acks, rows.size());
            if (!sent.acked().isEmpty()) {
                steps.acknowledged(sent.acked());
            }
            if (sent.refused() != null) {
                if (!sent.acked().isEmpty()) {
                    steps.markPublished(seqs(sent.acked()));
                }
                throw new IllegalStateException("Kafka refused the outbox batch of " + rows.size() + " event(s)"
                        + (sent.acked().isEmpty() ? "" : " (" + sent.acked().size() + " acknowledged, marked published)"),
                        sent.refused());
            }
            toMark = seqs(rows);
            if (rows.size() < batchSize && (stop.getAsBoolean() || !again.getAsBoolean())) {
                steps.markPublished(toMark); // the read had them all and nothing was committed since
                return marked + toMark.size();
            }
        }
    }

    private static List<Long> seqs(List<OutboxRow> rows) {
        List<Long> seqs = new ArrayList<>(rows.size());
        for (OutboxRow r : rows) {
            seqs.add(r.seq());
        }
        return seqs;
    }

    private Sent await(CompletableFuture<Sent> acks, int size) {
        try {
            return acks.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the outbox", e);
        } catch (TimeoutException e) {
            // abandoned: the sender hands none of its records to the producer from now on
            acks.completeExceptionally(e);
            // Future.get's TimeoutException has no message: say what it means
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch of " + size
                    + " event(s) within " + sendTimeout.toSeconds() + " s (duban.outbox.send-timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw new IllegalStateException("Kafka refused the outbox batch of " + size + " event(s)", cause);
        } catch (CancellationException e) {
            throw new IllegalStateException("the outbox batch of " + size + " event(s) was cancelled", e);
        }
    }

    /** Waits for a batch in flight whose outcome no longer matters (the lead is failing anyway). */
    private void awaitQuietly(CompletableFuture<Sent> acks) {
        try {
            acks.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException ignored) {
            // the rows stay unpublished; the next lead sends them again
        }
    }
}
