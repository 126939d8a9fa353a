package org.duban.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.messaging.EventLogContext;
import org.duban.common.tracing.StoredTrace;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes committed outbox rows to Kafka and marks them published.
 *
 * <ul>
 * <li>It selects rows that are <em>not yet published</em>, never "after the last seq sent", so a
 * row whose transaction committed after a later-numbered one is still sent.</li>
 * <li>Only one relay works at a time across all replicas (a transaction-scoped advisory lock),
 * so the events of one key reach Kafka in the order they were written.</li>
 * <li>A row is marked published only after the broker acknowledged it (idempotent producer,
 * acks=all). A crash in between sends it again: consumers deduplicate by {@code ce_id}.</li>
 * <li>Each record continues the trace of the transaction that wrote its row (the stored
 * {@code traceparent}): the Kafka connector's PRODUCER span is a child of it and its own
 * {@code traceparent} goes out as a record header. The relay's thread has no context of its own to
 * lend, so the stored one is passed explicitly.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock (a test holds it to keep the relay away). */
    public static final long RELAY_LOCK = 0x6475_6261_6e01L;
    /** One batch from send to Kafka's last ack, tag {@code outcome}=acked|failed → {@code duban_outbox_publish_seconds}. */
    public static final String PUBLISH = "duban.outbox.publish";
    /** Events acknowledged by Kafka, tag {@code topic} → {@code duban_outbox_published_total}. */
    public static final String PUBLISHED = "duban.outbox.published";

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    /** Off only for tests that need an event to stay in the outbox (e.g. crash tests). */
    @ConfigProperty(name = "duban.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    /** A no-op when tracing is off: the records then carry no traceparent. */
    @Inject
    OpenTelemetry otel;

    @ConfigProperty(name = "duban.outbox.batch-size", defaultValue = "200")
    int batchSize;

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
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
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
        if (enabled && wakeQueued.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakeQueued.set(false);
                poll();
            });
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Relays until nothing is left; a call that finds the relay busy asks the running one to look again. */
    void poll() {
        if (!enabled || stopping) {
            return;
        }
        again.set(true);
        if (!running.tryLock()) {
            return;
        }
        if (failureLog == null) {
            failureLog = new RelayFailureLog(failureLogInterval);
        }
        try {
            int published = 0;
            while (again.getAndSet(false)) {
                int n;
                do {
                    n = relayBatch();
                    published += n;
                } while (n == batchSize); // a full batch: there may be more waiting
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
        } finally {
            batchInLog = null;
            running.unlock();
        }
    }

    @PreDestroy
    void stopWaker() {
        waker.shutdownNow();
        sender.shutdownNow();
    }

    /**
     * Sends in order and waits for every acknowledgement. The sends start on a thread of their
     * own, outside the relay's transaction: context propagation would otherwise carry the JTA
     * transaction into the Kafka callbacks, and a transaction with two threads active in it
     * cannot commit (Narayana rolls it back).
     */
    private void send(List<Message<String>> messages) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            sendAndWait(messages);
            outcome = "acked";
        } finally {
            sample.stop(Timer.builder(PUBLISH).description("One outbox batch, from send to Kafka's acknowledgement")
                    .tag("outcome", outcome).register(registry));
        }
    }

    private void sendAndWait(List<Message<String>> messages) {
        CompletableFuture<Void> acked = CompletableFuture.supplyAsync(
                () -> Uni.join().all(messages.stream().map(emitter::sendMessage).toList()).andFailFast()
                        .subscribeAsCompletionStage(), sender)
                .thenCompose(stage -> stage)
                .thenApply(ignored -> null);
        try {
            acked.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the outbox", e);
        } catch (TimeoutException e) {
            // Future.get's TimeoutException has no message: say what it means
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch of " + messages.size()
                    + " event(s) within " + sendTimeout.toSeconds() + " s (duban.outbox.send-timeout)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw new IllegalStateException("Kafka refused the outbox batch of " + messages.size() + " event(s)", cause);
        }
    }

    /** Sends one batch; returns how many rows were published. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked) || !emitter.hasRequests()) {
                return 0; // another replica is relaying, or the Kafka channel is not connected yet
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT seq, id, topic, record_key, type, source, subject, occurred_at, CAST(payload AS text),
                           traceparent, tracestate
                    FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT ?1""")
                    .setParameter(1, batchSize).getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            batchInLog = new BatchInLog(rows.get(0)[1].toString(), (String) rows.get(0)[4], rows.size());
            List<Long> seqs = new ArrayList<>(rows.size());
            List<Message<String>> messages = new ArrayList<>(rows.size());
            boolean halt = false;
            for (Object[] r : rows) {
                seqs.add(((Number) r[0]).longValue());
                messages.add(toMessage(r));
                halt |= haltAfterAck.map(type -> "*".equals(type) || type.equals(r[4])).orElse(false);
            }
            send(messages);
            countPublished(rows);
            if (halt) {
                try (EventLogContext ignored = logContext(batchInLog)) {
                    LOG.errorf("FAULT INJECTION (duban.outbox.fault.halt-after-ack): Kafka acknowledged %d event(s); "
                            + "halting before they are marked published", messages.size());
                    Runtime.getRuntime().halt(137);
                }
            }
            em.createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE seq IN (?1)")
                    .setParameter(1, seqs).executeUpdate();
            batchInLog = null;
            return rows.size();
        });
    }

    /** Counts the acknowledged events by topic (a batch mixes topics: registry units and groups). */
    private void countPublished(List<Object[]> rows) {
        Map<String, Long> byTopic = new HashMap<>();
        for (Object[] r : rows) {
            byTopic.merge((String) r[2], 1L, Long::sum);
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

    private Message<String> toMessage(Object[] r) {
        UUID id = (UUID) r[1];
        String topic = (String) r[2];
        String key = (String) r[3];
        OffsetDateTime time = toOffsetDateTime(r[7]);
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(id.toString())
                .withType((String) r[4])
                .withSource(URI.create((String) r[5]))
                .withSubject((String) r[6])
                .withTimestamp(time.toZonedDateTime())
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        // the connector's PRODUCER span takes this as its parent (never the relay thread's own context)
        TracingMetadata trace = TracingMetadata.withCurrent(
                new StoredTrace((String) r[9], (String) r[10]).restore(otel));
        return Message.of((String) r[8]).addMetadata(ce).addMetadata(kafka).addMetadata(trace);
    }

    private static OffsetDateTime toOffsetDateTime(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        if (v instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + v.getClass());
    }
}
