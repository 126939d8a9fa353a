package org.duban.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.duban.common.messaging.EventLogContext;
import org.duban.notification.NotificationConfig;
import org.duban.notification.push.Committed;
import org.duban.notification.push.Wake;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Sends the due deliveries, after the transaction that created them committed. It is woken by that
 * commit ({@link Committed}: in this process after commit, on the other replicas by a NOTIFY), by a
 * call ending (a slot is free), and when the next retry or lease falls due; it sleeps at most
 * {@code deliveries.poll-every} (a backstop for a lost wake-up); while its calls run it does not look
 * up the next due time but passes again within {@link #BUSY_LOOK}. A pass claims what the free slots
 * allow — {@code deliveries.max-concurrent} calls in flight overall, {@code max-per-endpoint} per
 * webhook endpoint (the SMTP server counts as one) — with {@code FOR UPDATE SKIP LOCKED} and leases
 * it (pushes next_attempt_at by the lease), so replicas never send the same row at once and a crashed
 * worker's rows come back; the calls then run in parallel on sender threads. Under a backlog a claim also
 * takes rows ahead of the free slots, which start as calls end ({@link #claimAndStart}: a claim per several
 * calls, not per call).
 * <p>
 * Order: an endpoint's deliveries are claimed oldest first, so with {@code max-per-endpoint=1} its
 * first attempts are made in the order they were written; with more, calls to one endpoint overlap
 * and may arrive in any order, and a retry always comes after newer deliveries. Receivers order by
 * the payload's {@code timestamp} and deduplicate by {@code webhook-id} (Standard Webhooks).
 * <p>
 * Each row is sent outside any transaction. Before the call its attempt is written IN_FLIGHT: for a
 * first attempt in the claim's own transaction, set-based with the others of the claim (issue 16); for
 * a later one in a transaction of its own that renews the lease (only if the row is still this pass's:
 * same lease stamp). After the call the attempt is completed and the outcome applied — success, the
 * next attempt (backoff with jitter, Retry-After honoured), or a dead letter — together with the
 * outcomes of the calls that ended meanwhile ({@link #recordSucceeded}: the successes in one transaction of
 * one statement). A successful call's slot is freed as soon as the call ends, before its outcome is
 * recorded (issue 16, hwh): the next due row's call does not wait for the bookkeeping of the last one, and
 * the recordings of calls that ended meanwhile are grouped into one commit, made apart from the claims (a
 * failure keeps its slot until its retry is scheduled). The calls themselves are made by the channels' {@link Sender}s (webhook, e-mail),
 * which this package does not know by name (issue 18). A worker that dies mid-call
 * leaves its attempt IN_FLIGHT; when the lease runs out (the longest call + 10 s) the next worker
 * marks it INTERRUPTED and sends again (same webhook-id). A webhook success pulls the endpoint's
 * deliveries waiting for a later retry forward to now, a batch at a time ({@link #pullForward}): a
 * receiver that recovers gets its backlog promptly, one that keeps failing keeps its schedule.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** A call never takes longer than its timeout; the lease is this much longer, so only a dead call is taken over. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /**
     * The rows one pass claimed, the lease stamp it put on them, and when it was taken ({@link System#nanoTime()},
     * before the claim statement: the lease counts from at most then).
     */
    record Claim(List<Claimed> rows, OffsetDateTime leasedUntil, long claimedNanos) {
    }

    /** A claimed row waiting here for a slot of its endpoint (issue 16, hdel: claimed ahead under a backlog). */
    record Queued(Claimed row, OffsetDateTime leasedUntil, long claimedNanos) {
    }

    /**
     * A claimed row and whose slot it takes: its webhook endpoint's id, or {@code email} (the SMTP server);
     * {@code started}: its first attempt, written IN_FLIGHT in the claim's transaction (null for a row
     * attempted before: {@link #begin} starts it on the sender thread).
     */
    record Claimed(UUID id, String key, Started started) {
    }

    /**
     * After a pass that started calls the loop waits for a call to end without asking when the next
     * delivery falls due (issue 16: that query after every pass cost an eighth of the service's CPU
     * at saturation), but at most this long: a retry of another endpoint falling due meanwhile is
     * started at most this late.
     */
    static final Duration BUSY_LOOK = Duration.ofSeconds(1);

    /** Due rows not claimable while nothing is in flight here are being claimed elsewhere: look again this soon. */
    private static final Duration RECHECK = Duration.ofMillis(100);

    /**
     * An attempt written IN_FLIGHT, the delivery (detached) to send, and its call as its {@link Sender}
     * prepared it in the same transaction, so the call needs no transaction of its own.
     */
    record Started(long attemptId, Delivery delivery, Sender.Call call) {
    }

    /** A successful call that ended, waiting to be recorded ({@link #recordSuccess}); {@code done} completes once it was. */
    static final class Ended {
        final Delivery delivery;
        final long attemptId;
        final Outcome outcome;
        final OffsetDateTime startedAt;
        final long durationMs;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Ended(Delivery delivery, long attemptId, Outcome outcome, OffsetDateTime startedAt, long durationMs) {
            this.delivery = delivery;
            this.attemptId = attemptId;
            this.outcome = outcome;
            this.startedAt = startedAt;
            this.durationMs = durationMs;
        }
    }

    static final String INTERRUPTED_ERROR = "no outcome: the call was cut off (the process stopped mid-call); sent again";

    @Inject
    Session session;

    @Inject
    NotificationConfig config;

    /** The channels' senders (webhook, e-mail), by channel. */
    @Inject
    @Any
    Instance<Sender> senderBeans;

    private final Map<String, Sender> senders = new HashMap<>();

    @Inject
    Clock clock;

    @Inject
    DeliveryMetrics metrics;

    RetryPolicy policy;

    Duration lease;

    /**
     * How long a claimed row may wait here for a slot before its call starts: half of what its lease leaves
     * beyond the longest call, so a call started within it ends, and is recorded, before the lease runs out
     * (another worker may take the row over only then). Zero: rows are claimed only for free slots.
     */
    Duration queueWait;

    private final Wake wake = new Wake();
    private final ReentrantLock claiming = new ReentrantLock();
    /** Guards {@link #inFlight} and {@link #busy}: calls in flight here, overall and per endpoint key. */
    private final Object slots = new Object();
    private final Map<String, Integer> busy = new HashMap<>();
    private int inFlight;
    /**
     * Guarded by {@link #slots}: rows claimed ahead, oldest first, waiting for a slot of their endpoint (at most
     * {@code max-concurrent} in all, about {@code max-per-endpoint} per endpoint), and how many per endpoint key.
     */
    private final java.util.LinkedList<Queued> queue = new java.util.LinkedList<>();
    private final Map<String, Integer> queuedPerKey = new HashMap<>();
    private final AtomicInteger senderCount = new AtomicInteger();
    private volatile boolean stopping;
    private volatile ExecutorService callers;
    /** Successful calls ended and not yet recorded; whoever holds {@link #recording} records all of them in one go. */
    private final ConcurrentLinkedQueue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final ReentrantLock recording = new ReentrantLock();
    /** Successful calls ended whose outcome is not recorded yet (queued, or in the recording transaction). */
    private final AtomicInteger unrecorded = new AtomicInteger();
    private Thread loop;

    @PostConstruct
    void init() {
        policy = new RetryPolicy(config.deliveries().retrySchedule(), config.deliveries().jitter(),
                config.deliveries().maxRetryAfter(), () -> ThreadLocalRandom.current().nextDouble());
        for (Sender sender : senderBeans) {
            senders.put(sender.channel(), sender);
        }
        lease = config.deliveries().lease().orElse(defaultLease(senders.values().stream().map(Sender::timeout).toList()));
        queueWait = queueWait(lease, senders.values().stream().map(Sender::timeout).toList());
    }

    /** How long a claimed row may wait here for a slot ({@link #queueWait}). */
    public Duration queueWait() {
        return queueWait;
    }

    /** Half of what the lease leaves beyond the longest call (none if it leaves nothing): see {@link #queueWait}. */
    static Duration queueWait(Duration lease, Collection<Duration> timeouts) {
        Duration left = lease.minus(timeouts.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO));
        return left.isNegative() ? Duration.ZERO : left.dividedBy(2);
    }

    /** The longest a call may take (the senders' timeouts), plus the margin. */
    static Duration defaultLease(Collection<Duration> timeouts) {
        return timeouts.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO).plus(LEASE_MARGIN);
    }

    /** How long a claimed or in-flight row stays hidden from other workers. */
    public Duration lease() {
        return lease;
    }

    // --- waking: commits (here, and other replicas' by NOTIFY), freed slots, retries falling due ---

    void start(@Observes StartupEvent event) {
        // the calls in flight, and one more: the sender thread recording the successes that ended meanwhile
        int threads = config.deliveries().maxConcurrent() + 1;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "delivery-sender-" + senderCount.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        callers = pool;
        loop = new Thread(this::loop, "delivery-worker");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (loop != null) {
            loop.interrupt();
        }
        if (callers != null) {
            // calls in flight end by their timeout or are cut off (their lease brings them back)
            callers.shutdown();
        }
        // rows claimed ahead and not started: due again now, not after their lease
        List<Queued> left;
        synchronized (slots) {
            left = new ArrayList<>(queue);
            queue.clear();
            queuedPerKey.clear();
        }
        try {
            giveBack(left);
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not give back %d claimed rows at shutdown; their lease brings them back", left.size());
        }
    }

    /** New deliveries committed (in this process, or on another replica: NOTIFY). */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed c) {
        if (c.deliveries()) {
            wake.signal();
        }
    }

    /**
     * Sleeps until woken, until the next delivery falls due (a retry, a lease running out), or at
     * most {@code deliveries.poll-every} (the backstop); then starts what is due and the slots allow.
     */
    private void loop() {
        Duration sleep = Duration.ZERO;
        while (!stopping) {
            try {
                wake.await(sleep);
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) {
                return;
            }
            try {
                // calls started: each one ending wakes the loop, which passes again; the next due time
                // (a query) is looked up only when a pass found nothing to start, or after BUSY_LOOK
                sleep = startDue() > 0 ? min(BUSY_LOOK, config.deliveries().pollEvery()) : untilNextDue();
            } catch (RuntimeException e) {
                LOG.warnf(e, "delivery pass failed; retried in a second");
                sleep = min(Duration.ofSeconds(1), config.deliveries().pollEvery());
            }
        }
    }

    /** Starts the due deliveries the free slots allow, batch after batch; returns how many. */
    int startDue() {
        int started = 0;
        while (!stopping) {
            Pass pass = claimAndStart(true);
            started += pass.claimed();
            if (pass.claimed() < config.deliveries().batchSize()) {
                return started;
            }
        }
        return started;
    }

    /**
     * How long until a delivery falls due. Rows due now but not claimed wait for a slot (a call
     * ending wakes the loop) or are being claimed by another replica (looked at again shortly).
     */
    private Duration untilNextDue() {
        Duration backstop = config.deliveries().pollEvery();
        OffsetDateTime next = QuarkusTransaction.requiringNew().call(this::nextDue);
        if (next == null) {
            return backstop;
        }
        Duration until = Duration.between(now(), next);
        if (until.compareTo(Duration.ZERO) <= 0) {
            synchronized (slots) {
                return inFlight > 0 ? backstop : min(RECHECK, backstop);
            }
        }
        return min(until.plusMillis(1), backstop);
    }

    /**
     * The slot keys (webhook endpoint, or channel) that have PENDING rows, as a recursive CTE {@code keys(key)}, one
     * probe of {@code delivery_due_per_key} each (a loose index scan); its last row is a null key.
     */
    private static final String PENDING_KEYS = """
            WITH RECURSIVE keys(key) AS (
                (SELECT coalesce(endpoint_id::text, channel) FROM delivery
                 WHERE status = 'PENDING'
                 ORDER BY coalesce(endpoint_id::text, channel) LIMIT 1)
                UNION ALL
                SELECT (SELECT coalesce(endpoint_id::text, channel) FROM delivery
                        WHERE status = 'PENDING' AND coalesce(endpoint_id::text, channel) > keys.key
                        ORDER BY coalesce(endpoint_id::text, channel) LIMIT 1)
                FROM keys WHERE keys.key IS NOT NULL)
            """;

    /**
     * When the next PENDING row falls due: each slot key's first entry of {@code delivery_due_per_key} (a loose index
     * scan, as the claim reads the keys), the earliest of them — one probe per key, not an index over every key in one
     * order (hwh5: that index, {@code delivery_due}, had an entry written by every delivery and every claim for this
     * query and the backlog gauges alone; V11 dropped it).
     */
    static final String NEXT_DUE = "SELECT min(first.next_attempt_at) FROM (" + PENDING_KEYS + """
             SELECT key FROM keys) k
            CROSS JOIN LATERAL (
                SELECT next_attempt_at FROM delivery
                WHERE status = 'PENDING' AND coalesce(endpoint_id::text, channel) = k.key AND next_attempt_at IS NOT NULL
                ORDER BY next_attempt_at LIMIT 1) first
            WHERE k.key IS NOT NULL""";

    /**
     * When the next PENDING row falls due ({@link #NEXT_DUE}), in the current transaction; null: none. An untyped query
     * (hwh5): given a result class ({@code OffsetDateTime.class}), Hibernate 7.2 cached a new plan for every call under
     * keys of one hash code — the query plan cache filled with copies of it, each lookup compared against them all (JFR:
     * a third of the delivery loop's CPU in {@code SelectInterpretationsKey.equals}, growing with the uptime) and the
     * cache evicted other statements' plans.
     */
    OffsetDateTime nextDue() {
        return offsetDateTime(session.createNativeQuery(NEXT_DUE).getSingleResult());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * One pass, for tests and tools: claims up to a batch of due deliveries (as the free slots
     * allow, none ahead), sends them in parallel and waits for the calls to end; returns how many were claimed.
     */
    public int runOnce() {
        Pass pass = claimAndStart(false);
        CompletableFuture.allOf(pass.calls().toArray(CompletableFuture[]::new)).join();
        return pass.claimed();
    }

    /** What a claim took: how many rows, and the calls it started at once (the others wait in {@link #queue}). */
    record Pass(int claimed, List<CompletableFuture<Void>> calls) {
    }

    /**
     * Claims what the slots allow — overall and per endpoint — and starts each call on a sender
     * thread. One claim at a time in this process, so the counts it read are the counts it fills.
     * {@code ahead}: also claims rows for the queue (issue 16, hdel): under a backlog, a claim of 1–3 rows
     * per ended call (then four statements and a commit each, now two; on the one loop thread) set the pace of an
     * endpoint's calls; rows claimed ahead start on the sender threads as calls end, with no statement,
     * and the loop claims again only once an endpoint's queue is half empty — a claim per ~{@code max-per-endpoint / 2}
     * calls. At most {@code max-concurrent} rows wait, and an endpoint has at most twice {@code max-per-endpoint}
     * rows claimed here, in flight and waiting (so a row waits for about one call of its endpoint while the
     * receiver keeps up and the overall cap is not reached), and none waits longer than
     * {@link #queueWait}: a row that waited longer is given back ({@link #giveBack}), not called.
     */
    private Pass claimAndStart(boolean ahead) {
        claiming.lock();
        try {
            int limit;
            Map<String, Integer> outstanding;
            boolean queueing = ahead && queueWait.compareTo(Duration.ZERO) > 0;
            synchronized (slots) {
                int room = config.deliveries().maxConcurrent() - inFlight
                        + (queueing ? config.deliveries().maxConcurrent() - queue.size() : 0);
                limit = Math.min(room, config.deliveries().batchSize());
                outstanding = new HashMap<>(busy);
                queuedPerKey.forEach((k, n) -> outstanding.merge(k, n, Integer::sum));
            }
            if (limit <= 0) {
                return new Pass(0, List.of());
            }
            int perKey = config.deliveries().maxPerEndpoint() * (queueing ? 2 : 1);
            Claim claim = QuarkusTransaction.requiringNew().call(() -> claim(limit, outstanding, perKey));
            return new Pass(claim.rows().size(), startClaimed(claim));
        } finally {
            claiming.unlock();
        }
    }

    /**
     * Starts the claimed rows' calls on sender threads as far as the slots allow, oldest first; queues the rest
     * (the caller holds {@link #claiming}: the slots and queue room it counted are the ones it fills).
     */
    private List<CompletableFuture<Void>> startClaimed(Claim claim) {
        List<CompletableFuture<Void>> calls = new ArrayList<>(claim.rows().size());
        for (Claimed row : claim.rows()) {
            Queued q = new Queued(row, claim.leasedUntil(), claim.claimedNanos());
            boolean now;
            synchronized (slots) {
                now = takeSlot(row.key());
                if (!now) {
                    queue.add(q);
                    queuedPerKey.merge(row.key(), 1, Integer::sum);
                }
            }
            if (now) {
                CompletableFuture<Void> call = submit(q);
                if (call != null) {
                    calls.add(call);
                }
            }
        }
        return calls;
    }

    /** Takes a slot for a call to {@code key} if one is free (overall and for the endpoint); the caller holds {@link #slots}. */
    private boolean takeSlot(String key) {
        if (inFlight >= config.deliveries().maxConcurrent()
                || busy.getOrDefault(key, 0) >= config.deliveries().maxPerEndpoint()) {
            return false;
        }
        inFlight++;
        busy.merge(key, 1, Integer::sum);
        return true;
    }

    /** Starts a row whose slot is taken on a sender thread; completes once its outcome is recorded (null: not started). */
    private CompletableFuture<Void> submit(Queued q) {
        try {
            // completes once the outcome is recorded (a success: by whichever sender thread records the group)
            return CompletableFuture.supplyAsync(() -> send(q.row(), q.leasedUntil()), callers).thenCompose(recorded -> recorded);
        } catch (RejectedExecutionException stopping) {
            // shutting down: the row's lease brings it back
            release(q.row().key());
            return null;
        }
    }

    /**
     * A call's slot is free: the queued rows that may use it start (oldest first, those that waited longer than
     * {@link #queueWait} given back instead); the loop is woken to claim when no waiting row took the slot, or at
     * most half of {@code max-per-endpoint} rows wait for this endpoint (none, with {@code max-per-endpoint=1}).
     */
    private void release(String key) {
        List<Queued> start = new ArrayList<>();
        List<Queued> stale = new ArrayList<>();
        boolean claim;
        synchronized (slots) {
            inFlight--;
            busy.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            if (!stopping) {
                long oldest = System.nanoTime() - queueWait.toNanos();
                for (java.util.Iterator<Queued> it = queue.iterator(); it.hasNext() && inFlight < config.deliveries().maxConcurrent(); ) {
                    Queued q = it.next();
                    boolean tooOld = q.claimedNanos() - oldest < 0;
                    if (tooOld || takeSlot(q.row().key())) {
                        it.remove();
                        queuedPerKey.computeIfPresent(q.row().key(), (k, n) -> n <= 1 ? null : n - 1);
                        (tooOld ? stale : start).add(q);
                    }
                }
            }
            // a slot no waiting row took (another endpoint's due rows may be in the database), or few left waiting
            claim = start.isEmpty() || 2 * queuedPerKey.getOrDefault(key, 0) <= config.deliveries().maxPerEndpoint();
        }
        start.forEach(this::submit);
        if (!stale.isEmpty()) {
            try {
                giveBack(stale);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not give back %d claimed rows that waited too long; their lease brings them back", stale.size());
            }
        }
        if (claim) {
            // a slot is free, and a success may have pulled the endpoint's waiting deliveries forward
            wake.signal();
        }
    }

    /**
     * Rows claimed ahead that will not be called by this worker (they waited longer than {@link #queueWait}, or it
     * stops): due again now, their first attempt (written IN_FLIGHT by the claim, never made) removed — only while
     * the row is still this claim's (its lease stamp), so a row another worker took over is left to it. A row
     * attempted before has no attempt of this claim yet ({@link #begin} writes it): it is only made due.
     */
    void giveBack(List<Queued> rows) {
        if (rows.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            OffsetDateTime now = now();
            rows.stream().collect(Collectors.groupingBy(Queued::leasedUntil)).forEach((stamp, ofClaim) -> {
                String ids = ofClaim.stream().map(q -> q.row().id().toString()).collect(Collectors.joining(" "));
                session.createNativeMutationQuery("""
                        WITH mine AS (
                            UPDATE delivery d SET next_attempt_at = ?2,
                                                  attempts = CASE WHEN a.id IS NULL THEN d.attempts ELSE d.attempts - 1 END
                            FROM unnest(cast(string_to_array(?1, ' ') AS uuid[])) AS g(id)
                            LEFT JOIN delivery_attempt a ON a.delivery_id = g.id AND a.outcome = 'IN_FLIGHT' AND a.attempted_at >= ?4
                            WHERE d.id = g.id AND d.status = 'PENDING' AND d.next_attempt_at = ?3
                            RETURNING a.id)
                        DELETE FROM delivery_attempt x USING mine WHERE x.id = mine.id""")
                        .setParameter(1, ids)
                        .setParameter(2, now)
                        .setParameter(3, stamp)
                        .setParameter(4, stamp.minus(lease))
                        .executeUpdate();
            });
        });
        LOG.debugf("%d claimed rows given back without a call", rows.size());
    }

    /**
     * One delivery, outside any transaction: its attempt written IN_FLIGHT (in the claim's transaction
     * for a first attempt; otherwise here, only if the row is still this claim's), the call, the outcome
     * recorded. Frees the row's slot exactly once: a success's as soon as the call ended (the receiver is
     * done with it; its outcome is then recorded with the other successes that ended meanwhile,
     * {@link #recordSuccess}), a failure's once its retry or dead letter is written. Returns what completes
     * when the outcome is recorded.
     */
    private CompletableFuture<Void> send(Claimed row, OffsetDateTime leasedUntil) {
        boolean released = false;
        try {
            Started started = row.started() != null ? row.started()
                    : QuarkusTransaction.requiringNew().call(() -> begin(row.id(), leasedUntil)).orElse(null);
            if (started == null) {
                return CompletableFuture.completedFuture(null);
            }
            Delivery d = started.delivery();
            // the call and its outcome are logged with the event and unit they tell of (issue 15)
            try (EventLogContext ignored = logContext(d)) {
                // the attempt's attempted_at, written when its outcome is: the claim wrote the claim's time (a row
                // claimed ahead may have waited for a slot)
                OffsetDateTime startedAt = now();
                long start = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = started.call() == null
                            ? Outcome.failure(null, "no sender for channel " + d.channel, null)
                            : started.call().make();
                } catch (RuntimeException e) {
                    outcome = Outcome.failure(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
                }
                long nanos = System.nanoTime() - start;
                metrics.call(d.channel, nanos);
                if (!outcome.ok()) {
                    // a failure is rare and recorded alone, by its own thread, before its slot is freed: failures
                    // of one endpoint going down together are recorded in parallel, as their calls were made
                    Outcome failed = outcome;
                    QuarkusTransaction.requiringNew().run(() -> record(d.id, started.attemptId(), failed, startedAt, nanos / 1_000_000));
                    return CompletableFuture.completedFuture(null);
                }
                Ended ended = new Ended(d, started.attemptId(), outcome, startedAt, nanos / 1_000_000);
                if (unrecorded.incrementAndGet() <= config.deliveries().maxConcurrent()) {
                    release(row.key());
                } else {
                    // as many outcomes wait for their recording as calls may be in flight: the recordings set the
                    // pace (the outcomes held here, and the leases running meanwhile, stay bounded)
                    ended.done.whenComplete((v, e) -> release(row.key()));
                }
                released = true;
                recordSuccess(ended);
                return ended.done;
            }
        } catch (RuntimeException e) {
            // the database went away around the call: the lease brings the row back
            LOG.warnf(e, "delivery %s: could not record its attempt; it is taken up again when its lease runs out", row.id());
            return CompletableFuture.completedFuture(null);
        } finally {
            if (!released) {
                release(row.key());
            }
        }
    }

    /**
     * Records a successful call's outcome with every other success that ended meanwhile (group commit): the
     * sender thread that gets {@link #recording} records all that are waiting, in one transaction of one
     * statement (after its plan mode, {@link #genericPlans}) ({@link #recordSucceeded}; should that fail, one by one), and again while more wait; a thread
     * that finds the lock taken leaves its outcome to the holder and returns at once, free for the next call.
     * The recordings take no claim lock: claims (on the loop thread, woken by the freed slots) and recordings
     * go on side by side (issue 16, hwh: a recording that also claimed under the claim lock made ended calls
     * wait behind claims and the next calls wait behind recordings).
     */
    void recordSuccess(Ended mine) {
        ended.add(mine);
        // the holder looks at the queue again after letting go of the lock: an outcome added while it held it is not left behind
        while (!ended.isEmpty() && recording.tryLock()) {
            try {
                List<Ended> batch = new ArrayList<>();
                for (Ended e; (e = ended.poll()) != null; ) {
                    batch.add(e);
                }
                if (!batch.isEmpty()) {
                    recordAll(batch);
                }
            } finally {
                recording.unlock();
            }
        }
    }

    /** The successes in one transaction; should it fail, one by one (one row's trouble must not keep the others' outcomes unwritten). */
    private void recordAll(List<Ended> batch) {
        boolean pulled = true;
        try {
            pulled = QuarkusTransaction.requiringNew().call(() -> recordSucceeded(batch)) > 0;
        } catch (RuntimeException failed) {
            LOG.debugf(failed, "recording %d successes at once failed; recording them one by one", batch.size());
            for (Ended e : batch) {
                try (EventLogContext ignored = logContext(e.delivery)) {
                    QuarkusTransaction.requiringNew().run(() -> record(e.delivery.id, e.attemptId, e.outcome, e.startedAt, e.durationMs));
                } catch (RuntimeException failure) {
                    LOG.warnf(failure, "delivery %s: could not record its attempt; it is taken up again when its lease runs out",
                            e.delivery.id);
                }
            }
        } finally {
            unrecorded.addAndGet(-batch.size());
            batch.forEach(e -> e.done.complete(null));
            // a success pulls its endpoint's waiting retries forward (pullForward): due now, after this commit — the
            // claim woken by the freed slots may have looked before it, so the loop passes again; only then (hdel: a
            // pass after every recording claimed the 1–3 slots its calls had freed, a commit each, undoing the batching)
            if (pulled) {
                wake.signal();
            }
        }
    }

    /**
     * The successful calls' outcomes, set-based, in one statement (issue 16, hwh3: before, three and more — the
     * rows locked, the outcomes written, then a pull-forward per endpoint): their deliveries locked first, in id
     * order (as {@link #begin} locks one; the lock is taken in full before anything is written), the attempts still
     * IN_FLIGHT completed and their deliveries marked sent — an attempt another worker took over (INTERRUPTED:
     * this call outlived its lease) is left as it is, and its delivery to the attempt that decides — and each
     * webhook endpoint that answered has its waiting retries pulled forward ({@link #pullForward}, the same rule).
     * Each attempt's {@code attempted_at} becomes its call's start. The attempts are looked up by id: their
     * outcome test is written {@code IS TRUE} (hplan: the planner read every entry of the partial index
     * {@code delivery_attempt_in_flight} instead, 363 buffers for 6 attempts among 200 in flight, 48 so; hwh5: that
     * index is gone, so an attempt's completion changes no indexed column and is a HOT update). Their deliveries'
     * status test is written {@code IS TRUE} too (hwh5): the generic plan is made once per connection, with the
     * statistics of the moment, and statistics taken while nothing was pending (a quiet spell) made it update the
     * deliveries by walking every PENDING entry of {@code delivery_due_per_key} instead of looking them up by id —
     * EXPLAIN (ANALYZE) on a scratch copy with a 5,000-row backlog: 39 ms for 15 rows, 0.7 ms so; in the benchmark the
     * recording took 32 ms a call, and as the recordings set the pace once {@code max-concurrent} outcomes wait, the
     * backlog slowed its own recording.
     * Returns how many waiting rows were pulled forward.
     */
    @SuppressWarnings("unchecked")
    int recordSucceeded(List<Ended> succeeded) {
        OffsetDateTime now = now();
        List<Ended> byId = succeeded.stream().sorted(Comparator.comparing((Ended e) -> e.delivery.id)).toList();
        genericPlans();
        List<Object[]> sent = session.createNativeQuery("""
                WITH locked AS (
                    SELECT id FROM delivery WHERE id = ANY(cast(string_to_array(:ids, ' ') AS uuid[])) ORDER BY id FOR UPDATE),
                done AS (
                    UPDATE delivery_attempt a SET outcome = 'SUCCEEDED', duration_ms = v.ms, status_code = nullif(v.status, -1),
                                                  error = NULL, retry_after_s = NULL,
                                                  attempted_at = timestamptz 'epoch' + v.started * interval '1 microsecond'
                    FROM unnest(cast(string_to_array(:attempts, ' ') AS bigint[]), cast(string_to_array(:ms, ' ') AS bigint[]),
                                cast(string_to_array(:statuses, ' ') AS int[]), cast(string_to_array(:starts, ' ') AS bigint[]))
                         AS v(id, ms, status, started)
                    WHERE a.id = v.id AND (a.outcome = 'IN_FLIGHT') IS TRUE AND (SELECT count(*) FROM locked) >= 0
                    RETURNING a.delivery_id, nullif(v.status, -1) AS status),
                sent AS (
                    UPDATE delivery d SET status = 'SUCCEEDED', finished_at = :now, next_attempt_at = NULL,
                                          last_status_code = done.status, last_error = NULL
                    FROM done WHERE d.id = done.delivery_id AND (d.status = 'PENDING') IS TRUE
                    RETURNING d.channel, d.endpoint_id),
                """ + PULL_FORWARD + """
                SELECT s.channel, (SELECT count(*) FROM pulled) FROM sent s""", Object[].class)
                .setParameter("attempts", byId.stream().map(e -> Long.toString(e.attemptId)).collect(Collectors.joining(" ")))
                .setParameter("ms", byId.stream().map(e -> Long.toString(e.durationMs)).collect(Collectors.joining(" ")))
                .setParameter("statuses", byId.stream().map(e -> String.valueOf(e.outcome.statusCode() == null ? -1 : e.outcome.statusCode()))
                        .collect(Collectors.joining(" ")))
                .setParameter("now", now)
                .setParameter("starts", byId.stream().map(e -> Long.toString(ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                        e.startedAt.toInstant()))).collect(Collectors.joining(" ")))
                .setParameter("ids", byId.stream().map(e -> e.delivery.id.toString()).collect(Collectors.joining(" ")))
                .setParameter("leasedBefore", now.plus(lease))
                .setParameter("batch", config.deliveries().batchSize())
                .getResultList();
        int pulled = 0;
        for (Object[] r : sent) {
            metrics.outcome(r[0].toString(), DeliveryMetrics.Result.SENT);
            pulled = ((Number) r[1]).intValue();
        }
        if (pulled > 0) {
            LOG.debugf("webhook endpoints answered 2xx: %d deliveries waiting for a retry are due now", pulled);
        }
        return pulled;
    }

    /**
     * The rest of this transaction (a claim, a recording) runs its prepared statements with their generic plan, made
     * once per connection (issue 16, hplan). The claim and the recording are large data-modifying CTEs whose custom
     * plans PostgreSQL preferred under load (its cost model, not their speed): each call planned afresh, ~2.1 ms of
     * planning per call (pg_stat_statements in the sustained phase) for ~4 ms of execution, where a generic plan costs
     * ~0.1 ms to look up and executes alike (EXPLAIN: the same index scans; the parameters only size the arrays and
     * the limits). {@code SET LOCAL}: for this transaction only, so no other statement of the pool's connection is
     * affected; a statement of its own (a round trip; PgJDBC's executeQuery refuses a SET sent with the query), ~0.05 ms.
     */
    private void genericPlans() {
        session.createNativeMutationQuery("SET LOCAL plan_cache_mode = force_generic_plan").executeUpdate();
    }

    /**
     * The pull-forward as a CTE ({@code pulled}) of the webhook endpoints in {@code sent} (its {@code channel},
     * {@code endpoint_id}): each one's deliveries waiting for a retry later than {@code :leasedBefore} (a lease from now) due
     * now ({@code :now}), oldest first, as many as a batch ({@code :batch}) minus its rows due already (counted up to a
     * batch); rows locked by another worker are left. Read with the endpoint's slot key, the index the claim uses.
     */
    private static final String PULL_FORWARD = """
            pulled AS (
                UPDATE delivery p SET next_attempt_at = :now
                FROM (SELECT DISTINCT endpoint_id::text AS key FROM sent WHERE channel = 'webhook' AND endpoint_id IS NOT NULL) e
                CROSS JOIN LATERAL (
                    SELECT id FROM delivery
                    WHERE coalesce(endpoint_id::text, channel) = e.key AND status = 'PENDING' AND next_attempt_at > :leasedBefore
                    ORDER BY next_attempt_at, created_at
                    LIMIT greatest(0, :batch - (SELECT count(*) FROM (
                            SELECT 1 FROM delivery
                            WHERE coalesce(endpoint_id::text, channel) = e.key AND status = 'PENDING' AND next_attempt_at <= :now
                            LIMIT :batch) due))
                    FOR UPDATE SKIP LOCKED) w
                WHERE p.id = w.id
                RETURNING 1)
            """;

    /**
     * Claims up to {@code limit} due rows, oldest first, at most {@code perEndpoint} minus the
     * calls already in flight or queued here per endpoint (the SMTP server counts as one), and leases them.
     * {@code FOR UPDATE SKIP LOCKED}: replicas claiming at once never take the same row. The rows never
     * attempted (the common case) are started here, set-based (issue 16): their attempts written
     * IN_FLIGHT and the deliveries returned by the same statement as the claim (issue 16, hwh3: data-modifying
     * CTEs), their calls prepared by their senders (a webhook's endpoints: one query) — so a claim of any size is
     * two statements (and the transaction's plan mode, {@link #genericPlans}) and one commit, and its calls need no transaction before they go. A claim never exceeds the
     * free slots and the queue's room; a queued row starts within {@link #queueWait} or is given back, so its call
     * ends within its lease, which counts from now. A row attempted before is started by
     * {@link #begin} on its sender thread (it may hold an attempt cut off by a crash).
     */
    Claim claim(int limit, Map<String, Integer> busyNow, int perEndpoint) {
        long claimedNanos = System.nanoTime();
        OffsetDateTime now = now();
        OffsetDateTime until = now.plus(lease);
        genericPlans();
        List<Object[]> rows = session.createNativeQuery(CLAIM, Object[].class)
                .setParameter(1, now)
                .setParameter(2, String.join(" ", busyNow.keySet()))
                .setParameter(3, busyNow.values().stream().map(String::valueOf).collect(Collectors.joining(" ")))
                .setParameter(4, perEndpoint)
                .setParameter(5, limit)
                .setParameter(6, until)
                .getResultList();
        // oldest first (the statement's order): the order the calls start in; the first attempts' deliveries by channel
        Map<UUID, Long> attemptOf = new HashMap<>();
        Map<String, List<Delivery>> fresh = new HashMap<>();
        for (Object[] r : rows) {
            if (r[2] != null) {
                Delivery d = delivery(r);
                attemptOf.put(d.id, ((Number) r[2]).longValue());
                fresh.computeIfAbsent(d.channel, c -> new ArrayList<>()).add(d);
            }
        }
        Map<UUID, Started> started = new HashMap<>();
        fresh.forEach((channel, ofChannel) -> {
            Sender sender = senders.get(channel);
            Map<UUID, Sender.Call> calls = sender == null ? Map.of() : sender.prepare(ofChannel);
            for (Delivery d : ofChannel) {
                started.put(d.id, new Started(attemptOf.get(d.id), d, calls.get(d.id)));
            }
        });
        List<Claimed> claimed = rows.stream()
                .map(r -> new Claimed(uuid(r[0]), r[1].toString(), started.get(uuid(r[0]))))
                .toList();
        return new Claim(claimed, until, claimedNanos);
    }

    /**
     * The claim, one statement (issue 16, hwh3). {@code keys}: the slot keys (webhook endpoint, or channel) that
     * have PENDING rows, one index probe each (a loose index scan of {@code delivery_due_per_key}; not only the keys
     * with due rows: asked for those, the planner may read every due row per probe when it expects few of them); {@code chosen}: each
     * key's oldest due rows up to its room ({@code ?4} minus what is in flight or queued here), the oldest of all
     * up to {@code ?5} — so the claim reads a few rows per key, not every due row (before: a window function
     * numbered the whole due backlog per key on every claim, ~2 ms at 500 due rows, ~13 ms at 5,000, in EXPLAIN);
     * {@code locked}: those rows locked by id, skipping rows another worker holds, still due (checked again on the
     * row as it is once locked, so a row another replica just leased is not taken twice; written {@code IS TRUE} so
     * the planner looks the few chosen rows up by id instead of scanning the due index for them); {@code claimed}: leased
     * ({@code ?6}); {@code started}: the first attempts written IN_FLIGHT. Returned oldest first: the row's id, its
     * key, its first attempt's id (null for a row attempted before) and the delivery's columns.
     */
    private static final String CLAIM = PENDING_KEYS + """
            ,
            chosen AS (
                SELECT due.id FROM keys
                LEFT JOIN unnest(string_to_array(?2, ' '), cast(string_to_array(?3, ' ') AS int[])) AS b(key, busy)
                       ON b.key = keys.key
                CROSS JOIN LATERAL (
                    SELECT id, next_attempt_at, created_at FROM delivery
                    WHERE status = 'PENDING' AND next_attempt_at <= ?1 AND coalesce(endpoint_id::text, channel) = keys.key
                    ORDER BY next_attempt_at, created_at
                    LIMIT greatest(0, ?4 - coalesce(b.busy, 0))) due
                WHERE keys.key IS NOT NULL
                ORDER BY due.next_attempt_at, due.created_at
                LIMIT ?5),
            locked AS (
                SELECT x.id, x.next_attempt_at, x.attempts
                FROM unnest(ARRAY(SELECT id FROM chosen)) AS ch(id) JOIN delivery x ON x.id = ch.id
                WHERE x.status = 'PENDING' AND (x.next_attempt_at <= ?1) IS TRUE
                FOR UPDATE OF x SKIP LOCKED),
            claimed AS (
                UPDATE delivery d SET next_attempt_at = ?6, attempts = CASE WHEN l.attempts = 0 THEN 1 ELSE l.attempts END
                FROM locked l WHERE d.id = l.id
                RETURNING d.*, l.next_attempt_at AS due_at, l.attempts AS attempts_before),
            started AS (
                INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, outcome)
                SELECT id, 1, ?1, 'IN_FLIGHT' FROM claimed WHERE attempts_before = 0
                RETURNING delivery_id, id)
            SELECT c.id, coalesce(c.endpoint_id::text, c.channel), s.id, c.notification_id, c.event_id, c.event_type,
                   c.unit_code, c.channel, c.target, c.endpoint_id, c.subject, c.payload, c.status, c.attempts,
                   c.next_attempt_at, c.last_status_code, c.last_error, c.created_at, c.finished_at, c.digest_date,
                   c.traceparent, c.tracestate
            FROM claimed c LEFT JOIN started s ON s.delivery_id = c.id
            ORDER BY c.due_at, c.created_at""";

    /** A claimed delivery (detached) from the claim's columns 3–21. */
    private static Delivery delivery(Object[] r) {
        Delivery d = new Delivery();
        d.id = uuid(r[0]);
        d.notificationId = r[3] == null ? null : uuid(r[3]);
        d.eventId = (String) r[4];
        d.eventType = (String) r[5];
        d.unitCode = (String) r[6];
        d.channel = (String) r[7];
        d.target = (String) r[8];
        d.endpointId = r[9] == null ? null : uuid(r[9]);
        d.subject = (String) r[10];
        d.payload = (String) r[11];
        d.status = (String) r[12];
        d.attempts = ((Number) r[13]).intValue();
        d.nextAttemptAt = offsetDateTime(r[14]);
        d.lastStatusCode = r[15] == null ? null : ((Number) r[15]).intValue();
        d.lastError = (String) r[16];
        d.createdAt = offsetDateTime(r[17]);
        d.finishedAt = offsetDateTime(r[18]);
        d.digestDate = r[19] == null ? null : r[19] instanceof java.sql.Date date ? date.toLocalDate()
                : java.time.LocalDate.parse(r[19].toString());
        d.traceparent = (String) r[20];
        d.tracestate = (String) r[21];
        return d;
    }

    private static OffsetDateTime offsetDateTime(Object v) {
        return v == null ? null : instant(v).atOffset(ZoneOffset.UTC);
    }

    private static UUID uuid(Object v) {
        return v instanceof UUID u ? u : UUID.fromString(v.toString());
    }

    /**
     * Before the call, committed on its own: the attempt, IN_FLIGHT, and the lease renewed from now
     * (the row may have waited behind others of the batch). Nothing if the row is no longer this
     * pass's: sent, dead, or claimed again by another worker (its lease stamp changed) or pulled
     * forward by an endpoint's recovery (due again: the next pass claims it). An attempt still
     * IN_FLIGHT here was cut off (its worker died and the lease ran out): it becomes INTERRUPTED and
     * counts; if it was the last one allowed, the delivery is a dead letter instead of a new call.
     */
    Optional<Started> begin(UUID id, OffsetDateTime leasedUntil) {
        Delivery d = Delivery.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || !Delivery.Status.PENDING.name().equals(d.status) || d.nextAttemptAt == null
                || !d.nextAttemptAt.isEqual(leasedUntil)) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        // no attempt yet (attempts counts the attempts written, here only): none can have been cut off
        List<DeliveryAttempt> cutOff = d.attempts == 0 ? List.of()
                : DeliveryAttempt.list("deliveryId = ?1 and outcome = ?2", id, DeliveryAttempt.Outcome.IN_FLIGHT.name());
        for (DeliveryAttempt a : cutOff) {
            // Due again while its call may still be running (an endpoint's success pulled it forward
            // while another sender began it): only a call older than the lease is cut off
            if (a.attemptedAt.plus(lease).isAfter(now)) {
                d.nextAttemptAt = a.attemptedAt.plus(lease);
                return Optional.empty();
            }
        }
        for (DeliveryAttempt a : cutOff) {
            a.outcome = DeliveryAttempt.Outcome.INTERRUPTED.name();
            a.error = INTERRUPTED_ERROR;
            d.lastStatusCode = null;
            d.lastError = INTERRUPTED_ERROR;
            try (EventLogContext ignored = logContext(d)) {
                LOG.infof("delivery %s (%s to %s): attempt %d was cut off; sending again", id, d.channel, d.target, a.attempt);
            }
        }
        if (!cutOff.isEmpty() && d.attempts >= policy.maxAttempts()) {
            dead(d, now);
            metrics.outcome(d.channel, DeliveryMetrics.Result.DEAD);
            return Optional.empty();
        }
        d.attempts++;
        d.nextAttemptAt = now.plus(lease);
        DeliveryAttempt a = new DeliveryAttempt();
        a.deliveryId = id;
        a.attempt = d.attempts;
        a.attemptedAt = now;
        a.outcome = DeliveryAttempt.Outcome.IN_FLIGHT.name();
        a.persistAndFlush();
        Sender sender = senders.get(d.channel);
        Sender.Call call = sender == null ? null : sender.prepare(List.of(d)).get(d.id);
        return Optional.of(new Started(a.id, d, call));
    }

    /**
     * After the call: completes the attempt and applies the outcome to the delivery. An attempt
     * another worker already marked INTERRUPTED (this worker outlived its lease) stays so: the
     * delivery was sent again and that attempt decides.
     */
    void record(UUID deliveryId, long attemptId, Outcome o, OffsetDateTime startedAt, long durationMs) {
        // the delivery's lock first (as begin takes it), then the attempt as it is now: a worker that
        // took the delivery over marked it INTERRUPTED under that lock
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        DeliveryAttempt a = DeliveryAttempt.findById(attemptId);
        if (a == null) {
            return;
        }
        if (!DeliveryAttempt.Outcome.IN_FLIGHT.name().equals(a.outcome)) {
            LOG.infof("delivery %s: attempt %d ended (%s) after it was taken over; its outcome is not applied",
                    a.deliveryId, a.attempt, o.ok() ? "success" : o.error());
            return;
        }
        OffsetDateTime now = now();
        a.outcome = (o.ok() ? DeliveryAttempt.Outcome.SUCCEEDED : DeliveryAttempt.Outcome.FAILED).name();
        a.attemptedAt = startedAt;
        a.durationMs = durationMs;
        a.statusCode = o.statusCode();
        a.error = o.error();
        a.retryAfterSeconds = o.retryAfter() == null ? null : o.retryAfter().toSeconds();
        if (d == null || !Delivery.Status.PENDING.name().equals(d.status)) {
            return;
        }
        d.lastStatusCode = o.statusCode();
        d.lastError = o.error();
        if (o.ok()) {
            d.status = Delivery.Status.SUCCEEDED.name();
            d.finishedAt = now;
            d.nextAttemptAt = null;
            if (Delivery.WEBHOOK.equals(d.channel) && d.endpointId != null) {
                pullForward(d.endpointId, now);
            }
            metrics.outcome(d.channel, DeliveryMetrics.Result.SENT);
            return;
        }
        if (o.gone() && senders.containsKey(d.channel)) {
            senders.get(d.channel).gone(d);
        }
        Optional<Duration> next = o.permanent() ? Optional.empty() : policy.nextDelay(d.attempts, o.retryAfter());
        if (next.isPresent()) {
            d.nextAttemptAt = now.plus(next.get());
            metrics.outcome(d.channel, DeliveryMetrics.Result.RETRIED);
        } else {
            dead(d, now);
            metrics.outcome(d.channel, o.endpointDisabled() ? DeliveryMetrics.Result.DISABLED : DeliveryMetrics.Result.DEAD);
            LOG.infof("delivery %s (%s to %s) is a dead letter after %d attempts: %s", d.id, d.channel, d.target,
                    d.attempts, o.error());
        }
    }

    /**
     * The endpoint answered 2xx: its deliveries waiting for a retry later than a lease from now
     * (so none claimed or in flight: their lease ends sooner) are due now, oldest first — at most a
     * batch of them due and unclaimed at a time, so a long backlog does not crowd out other
     * endpoints: each success of the batch pulls the next. Rows locked by another worker are left.
     */
    int pullForward(UUID endpointId, OffsetDateTime now) {
        int n = ((Number) session.createNativeQuery("""
                WITH sent(channel, endpoint_id) AS (SELECT 'webhook', cast(:endpoint AS uuid)),
                """ + PULL_FORWARD + """
                SELECT count(*) FROM pulled""")
                .setParameter("endpoint", endpointId)
                .setParameter("now", now)
                .setParameter("leasedBefore", now.plus(lease))
                .setParameter("batch", config.deliveries().batchSize())
                .getSingleResult()).intValue();
        if (n > 0) {
            LOG.debugf("webhook endpoint %s answered 2xx: %d deliveries waiting for a retry are due now", endpointId, n);
        }
        return n;
    }

    /** A timestamptz column as the native query returned it. */
    private static java.time.Instant instant(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.time.Instant i) {
            return i;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        return OffsetDateTime.parse(v.toString()).toInstant();
    }

    /** The event and unit a delivery tells of, in the log's MDC until closed. */
    private static EventLogContext logContext(Delivery d) {
        return EventLogContext.of(d.eventId, d.eventType).with(EventLogContext.UNIT_CODE, d.unitCode);
    }

    private static void dead(Delivery d, OffsetDateTime now) {
        d.status = Delivery.Status.DEAD.name();
        d.finishedAt = now;
        d.nextAttemptAt = null;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
