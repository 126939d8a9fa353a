package org.duban.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import jakarta.annotation.PreDestroy;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.messaging.EventLogContext;
import org.duban.common.tracing.StoredTrace;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes committed outbox rows to Kafka and marks them published.
 *
 * <ul>
 * <li>It selects rows that are <em>not yet published</em>, never "after the last seq sent", so a
 * row whose transaction committed after a later-numbered one is still sent.</li>
 * <li>Only one relay works at a time across all replicas (a transaction-scoped advisory lock, held
 * while it has rows to send), so the events of one key reach Kafka in the order they were written.</li>
 * <li>A row is marked published only after the broker acknowledged it (idempotent producer,
 * acks=all). A crash in between sends it again: consumers deduplicate by {@code ce_id}. A record the broker
 * refuses is sent again by the next lead; its acknowledged batch-mates are marked (htime3, {@link RelayPipeline}).</li>
 * <li>Pipelined (issue 16, hrelay, {@link RelayPipeline}): up to {@code duban.outbox.batches-in-flight} batches are
 * in flight; a backlog's next batch, and the rows of a commit that woke the relay meanwhile ({@link WakeSignal}), are
 * read and sent without waiting for the acks of those in flight, and acknowledged rows are marked published (a short
 * transaction of their own) while later ones fly. No transaction that writes stays open during a wait for the
 * broker.</li>
 * <li>Each record continues the trace of the transaction that wrote its row (the stored
 * {@code traceparent}): the relay's PRODUCER span for the record is a child of it and its own
 * {@code traceparent} goes out as a record header. The relay's thread has no context of its own to
 * lend, so the stored one is passed explicitly.</li>
 * <li>The records go to the {@code outbox} channel's producer directly, built by {@link OutboxRecords} (hinbox:
 * the connector's per-message pipeline was most of the relay's CPU per record).</li>
 * </ul>
 */
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock (a test holds it to keep the relay away). */
    public static final long RELAY_LOCK = 0x6475_6261_6e01L;
    /** One batch from send to Kafka's last ack, tag {@code outcome}=acked|failed → {@code duban_outbox_publish_seconds}. */
    public static final String PUBLISH = "duban.outbox.publish";
    /** Events acknowledged by Kafka, tag {@code topic} → {@code duban_outbox_published_total}. */
    public static final String PUBLISHED = "duban.outbox.published";
    /**
     * Per event, the time from its {@code occurred_at} (set in the writing transaction) to a step of the relay's hop,
     * tag {@code step}: {@code committed} (the writing transaction committed: the relay's wake-up observer),
     * {@code read} (a lead's read returned the row), {@code acked} (Kafka acknowledged it), {@code marked} (its mark
     * committed) → {@code duban_outbox_relay_step_seconds} with histogram buckets (issue 16: where the hop's time goes).
     */
    public static final String STEP = "duban.outbox.relay.step";

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    /** The lock's connection and the marks (plain JDBC: the relay's transactions are its own, not JTA's). */
    @Inject
    DataSource dataSource;

    /** The channel's producer is the connector's (its settings, metrics and health); see {@link #producer()}. */
    static final String CHANNEL = "outbox";

    /**
     * Declares the {@code outbox} channel (the connector creates its producer for it) and tells whether it is
     * connected; the records themselves go through the producer directly ({@link #producer()}).
     */
    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<String> emitter;

    @Inject
    KafkaClientService kafkaClients;

    /** Off only for tests that need an event to stay in the outbox (e.g. crash tests). */
    @ConfigProperty(name = "duban.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    /** A no-op when tracing is off: the records then carry no traceparent. */
    @Inject
    OpenTelemetry otel;

    /** The relay's PRODUCER spans (a no-op tracer when tracing is off). */
    private volatile Tracer tracer;

    @ConfigProperty(name = "duban.outbox.batch-size", defaultValue = "200")
    int batchSize;

    /**
     * How many batches one lead keeps in flight at once (hrelay): a row committed while a batch is in flight is read
     * and sent without waiting for that batch's acks; a backlog's batches are read and sent one after the other.
     */
    @ConfigProperty(name = "duban.outbox.batches-in-flight", defaultValue = "4")
    int batchesInFlight;

    @ConfigProperty(name = "duban.outbox.send-timeout", defaultValue = "30s")
    Duration sendTimeout;

    @ConfigProperty(name = "duban.outbox.retention", defaultValue = "7d")
    Duration retention;

    /** At most one "still cannot publish" line per this interval while the relay fails. */
    @ConfigProperty(name = "duban.outbox.failure-log-interval", defaultValue = "1m")
    Duration failureLogInterval;

    /**
     * FAULT INJECTION, for the crash test only (DUBAN_OUTBOX_FAULT_HALT_AFTER_ACK): the process
     * halts (Runtime.halt, as a SIGKILL would) after Kafka acknowledged a batch holding an event of
     * this type ({@code *}: any) and before the rows are marked published, the window where the
     * batch is sent twice. Unset in every real deployment.
     */
    @ConfigProperty(name = "duban.outbox.fault.halt-after-ack")
    Optional<String> haltAfterAck;

    private volatile boolean stopping;
    private RelayFailureLog failureLog;
    /** The batch being sent (null between batches): the failure line names its first event. */
    private volatile BatchInLog batchInLog;
    private final ReentrantLock running = new ReentrantLock();
    /** Raised by each commit that wrote an event and by the backstop; taken (and waited for) by the lead. */
    private final WakeSignal again = new WakeSignal();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Map<String, Timer> steps = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Starts the sends: off the relay's thread, so a {@code Producer.send} that blocks (no metadata yet, a full
     * buffer) never holds the relay past its send timeout.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay-sender");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay-waker");
        t.setDaemon(true);
        return t;
    });

    /** Backstop: picks up rows whose wake-up was missed (other replicas, restarts, broker outages). */
    @Scheduled(every = "${duban.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // not while starting (the Kafka channel may not be wired yet) or stopping
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        poll();
    }

    /** Wakes the relay as soon as a transaction that wrote an event has committed. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        step("committed", written.occurredAt(), written.events());
        if (!enabled) {
            return;
        }
        // seen at once by a running lead, even one waiting for a batch's acks (hrelay: before, a wake-up was only a
        // task queued behind the running lead on the waker's thread, so a row committed while a batch was in flight
        // waited for that lead to end: the batch's acks, its mark's commit, a new connection and read)
        again.raise();
        // a running lead sees it (or looks again after letting go, poll's loop): no task to queue
        if (!running.isLocked() && wakeQueued.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakeQueued.set(false);
                poll();
            });
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Relays until nothing is left; a call that finds the relay busy asks the running one to look again. A wake-up
     * that comes after the running one's last look and before it lets go finds it busy all the same: so the running
     * one looks again after letting go (else that event would wait for the backstop poll, up to a second).
     */
    void poll() {
        if (!enabled || stopping) {
            return;
        }
        again.raise();
        while (again.raised() && !stopping && running.tryLock()) {
            try {
                leadUntilQuiet();
            } finally {
                batchInLog = null;
                lastLookDone();
                running.unlock();
            }
        }
    }

    /** Leads while wake-ups come (holding {@link #running}); a failure is logged and left to the next wake-up. */
    private void leadUntilQuiet() {
        if (failureLog == null) {
            failureLog = new RelayFailureLog(failureLogInterval);
        }
        try {
            int published = 0;
            while (again.take() && !stopping) {
                published += lead();
            }
            if (published > 0) {
                failureLog.published(Instant.now()).ifPresent(LOG::info);
            }
        } catch (RuntimeException e) {
            // broker or database away: the rows stay unpublished and the next tick tries again. The
            // first failure is logged with its exception (stack trace), then one line per interval
            boolean first = !failureLog.failing();
            try (EventLogContext ignored = logContext(batchInLog)) {
                failureLog.failed(e, Instant.now()).ifPresent(line -> {
                    if (first) {
                        LOG.warn(line, e);
                    } else {
                        LOG.warn(line);
                    }
                });
            }
        }
    }

    /** After the last look of a {@link #poll}, before it lets go of the relay: a test's hook into that window. */
    void lastLookDone() {
    }

    @PreDestroy
    void stopWaker() {
        waker.shutdownNow();
        sender.shutdownNow();
    }

    /**
     * One lead: if the Kafka channel is connected, relays batch after batch ({@link RelayPipeline}) until nothing is
     * left, holding the relay's lock (transaction-scoped, on a connection of its own: one relay at a time across
     * replicas). The lock is taken by the first read itself ({@link #UNPUBLISHED}: rows come back only if this
     * transaction holds it), so a wake-up costs one round trip before the send, not two. The lock's transaction
     * only reads; each batch is marked published in a short transaction of its own, on another connection, while
     * the next batch's acks are awaited. Ending the transaction (rollback; also when the pool takes the connection
     * back, or when the database ends the session of a dead process) releases the lock. Returns how many rows were
     * published.
     */
    int lead() {
        if (!emitter.hasRequests()) {
            return 0; // the Kafka channel is not connected yet
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // no rows: nothing to send, or another replica holds the lock (it is relaying)
                return new RelayPipeline(new KafkaAndTable(c), batchSize, batchesInFlight, sendTimeout)
                        .run(again, () -> stopping);
            } finally {
                endLock(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox relay: " + e.getMessage(), e);
        }
    }

    /**
     * The unpublished rows, read only once this transaction holds the relay's lock: the uncorrelated sub-select is
     * evaluated once (an init plan), and if it finds the lock taken by another session the read returns nothing. A
     * transaction that holds the lock already gets it again (advisory locks stack; the rollback frees them all).
     */
    static final String UNPUBLISHED = """
            SELECT seq, id, topic, record_key, type, source, subject, occurred_at, CAST(payload AS text),
                   traceparent, tracestate
            FROM outbox_event WHERE published_at IS NULL AND seq <> ALL(?) AND (SELECT pg_try_advisory_xact_lock(?))
            ORDER BY seq LIMIT ?""";

    /** Rolls the lock's transaction back (releasing the lock); a connection that cannot is closed for good. */
    private static void endLock(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken (the database ends its session, and the lock with it): never pooled again
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already gone
            }
        }
    }

    /** The pipeline's steps: rows read on the lock's connection, sent through the outbox channel, marked on another. */
    private final class KafkaAndTable implements RelayPipeline.Steps {
        private final Connection lockHolder;
        /** The acknowledged rows' occurred_at until they are marked (for the {@code marked} step). */
        private final Map<Long, OffsetDateTime> acked = new HashMap<>();
        /** The lead's first refusal: no record of a later batch is handed to the producer after it. */
        private final AtomicReference<Throwable> refusedInLead = new AtomicReference<>();

        KafkaAndTable(Connection lockHolder) {
            this.lockHolder = lockHolder;
        }

        @Override
        public List<OutboxRow> unpublished(int limit, List<Long> excluding) {
            try (PreparedStatement ps = lockHolder.prepareStatement(UNPUBLISHED)) {
                ps.setArray(1, lockHolder.createArrayOf("bigint", excluding.toArray()));
                ps.setLong(2, RELAY_LOCK);
                ps.setInt(3, limit);
                List<OutboxRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getString(10),
                                rs.getString(11)));
                    }
                }
                for (OutboxRow r : rows) {
                    step("read", r.occurredAt(), 1);
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException("outbox relay cannot read the outbox: " + e.getMessage(), e);
            }
        }

        @Override
        public CompletableFuture<RelayPipeline.Sent> send(List<OutboxRow> batch) {
            OutboxRow first = batch.get(0);
            batchInLog = new BatchInLog(first.id().toString(), first.type(), batch.size());
            Producer<String, String> producer = producer();
            Timer.Sample sample = Timer.start(registry);
            CompletableFuture<RelayPipeline.Sent> sent = new CompletableFuture<>();
            // the sends start on a thread of their own: Producer.send may block (metadata, a full buffer) while
            // the relay's thread waits for the verdicts at most duban.outbox.send-timeout
            sender.execute(() -> sendAll(producer, batch, sent, refusedInLead));
            sent.whenComplete((verdict, failure) -> sample.stop(Timer.builder(PUBLISH)
                    .description("One outbox batch, from send to Kafka's acknowledgement")
                    .tag("outcome", failure == null && verdict.refused() == null ? "acked" : "failed").register(registry)));
            return sent;
        }

        @Override
        public void acknowledged(List<OutboxRow> batch) {
            countPublished(batch);
            for (OutboxRow r : batch) {
                step("acked", r.occurredAt(), 1);
                acked.put(r.seq(), r.occurredAt());
            }
            boolean halt = haltAfterAck.map(type -> batch.stream().anyMatch(r -> "*".equals(type) || type.equals(r.type())))
                    .orElse(false);
            if (halt) {
                try (EventLogContext ignored = logContext(batchInLog)) {
                    LOG.errorf("FAULT INJECTION (duban.outbox.fault.halt-after-ack): Kafka acknowledged %d event(s); "
                            + "halting before they are marked published", batch.size());
                    Runtime.getRuntime().halt(137);
                }
            }
            batchInLog = null;
        }

        @Override
        public void markPublished(List<Long> seqs) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE outbox_event SET published_at = now() WHERE seq = ANY(?)")) {
                c.setAutoCommit(true);
                ps.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
                ps.executeUpdate();
                for (Long seq : seqs) {
                    OffsetDateTime occurredAt = acked.remove(seq);
                    if (occurredAt != null) {
                        step("marked", occurredAt, 1);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("outbox relay cannot mark " + seqs.size()
                        + " acknowledged event(s) published: " + e.getMessage(), e);
            }
        }
    }

    /** Records {@code events} events that reached {@code step} now, written at {@code occurredAt}. */
    private void step(String step, OffsetDateTime occurredAt, int events) {
        Timer t = steps.computeIfAbsent(step, s -> Timer.builder(STEP)
                .description("Per outbox event, from its occurred_at to a step of the relay: committed, read, acked, marked")
                .tag("step", s).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
        Duration d = Duration.between(occurredAt.toInstant(), Instant.now());
        for (int i = 0; i < events; i++) {
            t.record(d);
        }
    }

    /** Counts the acknowledged events by topic (a batch mixes topics: registry units and groups). */
    private void countPublished(List<OutboxRow> rows) {
        Map<String, Long> byTopic = new HashMap<>();
        for (OutboxRow r : rows) {
            byTopic.merge(r.topic(), 1L, Long::sum);
        }
        byTopic.forEach((topic, n) -> Counter.builder(PUBLISHED).description("Outbox events acknowledged by Kafka")
                .tag("topic", topic).register(registry).increment(n));
    }

    /** What the log says of a batch: its first event, and how many it holds. */
    private record BatchInLog(String firstId, String firstType, int size) {
    }

    /** The log context of a failed batch: its first event's id and type and the batch size (none before a batch). */
    private static EventLogContext logContext(BatchInLog batch) {
        return batch == null ? EventLogContext.of((String) null, null)
                : EventLogContext.of(batch.firstId(), batch.firstType())
                        .with(EventLogContext.EVENT_COUNT, String.valueOf(batch.size()));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgePublished() {
        int n = purgePublishedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
        if (n > 0) {
            LOG.debugf("outbox: purged %d published rows", n);
        }
    }

    /** Deletes the rows published before {@code before} (index outbox_event_published); how many. */
    public int purgePublishedBefore(OffsetDateTime before) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < ?1")
                .setParameter(1, before).executeUpdate());
    }

    /**
     * The connector's producer of the {@code outbox} channel (acks=all, idempotent, the channel's settings), used
     * directly (hinbox): through the emitter, every record went through the connector's per-message pipeline
     * (context propagation, a retry operator, the tracing instrumenter, a hop to its sending thread) — most of the
     * relay's CPU per record on a backlog (JFR, docs/benchmarks.md "hinbox"). The channel stays declared (its
     * producer, metrics and health are the connector's); the records are built by {@link OutboxRecords}.
     */
    private Producer<String, String> producer() {
        Producer<String, String> p = kafkaClients.<String, String>getProducer(CHANNEL).unwrap();
        if (p == null) {
            throw new IllegalStateException("outbox relay: the Kafka producer of channel " + CHANNEL + " is not created yet");
        }
        return p;
    }

    /**
     * Sends the batch in order (one partition's records keep it: idempotent producer, at most 5 requests in flight)
     * and completes {@code sent} once Kafka gave its verdict on every record handed to the producer. At the first
     * refusal no further record is handed over (nor once {@code sent} is done: the relay gave up waiting), so a later
     * row never overtakes a refused one that was not yet sent; the records already handed over are acknowledged or
     * refused within the producer's {@code delivery.timeout.ms} (htime3: the lead marks the acknowledged ones). Each
     * record gets a PRODUCER span, child of the trace its row was written in, whose {@code traceparent} goes out as
     * a header.
     */
    private void sendAll(Producer<String, String> producer, List<OutboxRow> batch, CompletableFuture<RelayPipeline.Sent> sent,
            AtomicReference<Throwable> refusedInLead) {
        boolean[] acked = new boolean[batch.size()];
        AtomicReference<Throwable> refused = new AtomicReference<>();
        // the records handed over and still without a verdict, plus one held by this loop until it ends
        AtomicInteger open = new AtomicInteger(1);
        Runnable verdict = () -> {
            if (open.decrementAndGet() == 0) {
                List<OutboxRow> ok = new ArrayList<>(batch.size());
                synchronized (acked) {
                    for (int i = 0; i < acked.length; i++) {
                        if (acked[i]) {
                            ok.add(batch.get(i));
                        }
                    }
                }
                sent.complete(new RelayPipeline.Sent(ok, refused.get()));
            }
        };
        try {
            for (int i = 0; i < batch.size() && refused.get() == null && refusedInLead.get() == null && !sent.isDone(); i++) {
                OutboxRow r = batch.get(i);
                int index = i;
                ProducerRecord<String, String> record = OutboxRecords.of(r);
                if (tracer == null) {
                    tracer = otel.getTracer("org.duban.common.outbox");
                }
                Span span = tracer.spanBuilder(r.topic() + " publish")
                        .setParent(new StoredTrace(r.traceparent(), r.tracestate()).restore(otel))
                        .setSpanKind(SpanKind.PRODUCER)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.operation.type", "publish")
                        .setAttribute("messaging.destination.name", r.topic())
                        .startSpan();
                otel.getPropagators().getTextMapPropagator().inject(Context.root().with(span), record.headers(),
                        (headers, key, value) -> {
                            headers.remove(key);
                            OutboxRecords.add(headers, key, value);
                        });
                open.incrementAndGet();
                try {
                    producer.send(record, (metadata, failure) -> {
                        if (failure != null) {
                            span.recordException(failure);
                            span.setStatus(StatusCode.ERROR);
                            span.end();
                            refused.compareAndSet(null, failure);
                            refusedInLead.compareAndSet(null, failure);
                        } else {
                            span.setAttribute("messaging.destination.partition.id", Integer.toString(metadata.partition()));
                            span.setAttribute("messaging.kafka.offset", metadata.offset());
                            span.end();
                            synchronized (acked) {
                                acked[index] = true;
                            }
                        }
                        verdict.run();
                    });
                } catch (RuntimeException e) {
                    span.recordException(e);
                    span.setStatus(StatusCode.ERROR);
                    span.end();
                    refused.compareAndSet(null, e);
                    refusedInLead.compareAndSet(null, e);
                    verdict.run();
                }
            }
        } finally {
            verdict.run(); // the loop's own share: the verdict is complete once every record handed over has its own
        }
    }
}
