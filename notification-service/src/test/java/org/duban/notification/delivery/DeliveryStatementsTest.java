package org.duban.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.duban.notification.push.Committed;
import org.hibernate.Session;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: the worker's bookkeeping per call is set-based. A claim starts the first attempts of all
 * the rows it took in one transaction of at most two statements, however many rows: the claim itself, which also
 * writes the first attempts IN_FLIGHT and returns the deliveries (hwh3: data-modifying CTEs; before, three
 * statements), and the webhook endpoints' read; the successful calls that ended meanwhile are recorded in one
 * transaction of one statement (hwh3: the rows locked, attempts and deliveries completed, the endpoints' waiting
 * retries pulled forward; before, two plus one per endpoint), and claim nothing: the slots are freed when the calls
 * end, and the loop claims into them. Each of the two comes after {@code SET LOCAL plan_cache_mode} (hplan: a plan
 * made once per connection, not one planned per call). Before issue 16, each call took a transaction of its own before the call
 * (4–5 statements) and after it (5).
 */
@QuarkusTest
class DeliveryStatementsTest {

    @Inject
    DataSource dataSource;

    @Inject
    Session session;

    @Inject
    Event<Committed> committed;

    private static final String CLAIM = "with recursive keys(key) as";
    /** An attempt written on its own (begin: a row attempted before); a first attempt is written by the claim. */
    private static final String START = "insert into delivery_attempt";
    private static final String RECORD = "with locked as";
    private static final String GIVE_BACK = "with mine as";
    /** Before a claim and a recording: their generic plans, made once per connection (hplan). */
    private static final String GENERIC_PLANS = "set local plan_cache_mode = force_generic_plan";

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryMetrics metrics;

    @Test
    void aClaimStartsItsFirstAttemptsInTwoStatementsAndSuccessesAreRecordedInOne() throws Exception {
        int n = 30;
        try (ParallelDeliveryTest.CountingReceiver receiver = new ParallelDeliveryTest.CountingReceiver(1)) {
            String unit = TaskEvents.newUnit();
            // a delivery's target is its endpoint's id
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            DeliveryStatements.arm();
            List<List<String>> transactions;
            try {
                for (int i = 0; i < n; i++) {
                    TaskEvents.assign(UUID.randomUUID(), unit, "语句计数" + i);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(unit, endpoint) == n);
            } finally {
                transactions = DeliveryStatements.disarm();
            }

            List<List<String>> claims = transactions.stream().map(DeliveryStatementsTest::claimPart).filter(t -> !t.isEmpty()).toList();
            List<List<String>> recordings = transactions.stream().filter(t -> t.stream().anyMatch(s -> s.startsWith(RECORD)))
                    .toList();
            System.out.printf("%d deliveries: %d transactions; %d claims (statements: %s), %d recordings (statements: %s)%n",
                    n, transactions.size(), claims.size(), claims.stream().map(List::size).toList(),
                    recordings.size(), recordings.stream().map(List::size).toList());
            assertFalse(claims.isEmpty(), "the deliveries were claimed: " + transactions);
            assertTrue(claims.stream().anyMatch(t -> t.size() == 2), "a claim that took rows read their endpoints: " + claims);
            for (List<String> t : claims) {
                assertTrue(t.size() <= 2, "a claim and its first attempts: at most 2 statements, whatever the rows: " + t);
                assertTrue(t.get(0).contains(START), "the claim writes the first attempts itself: " + t.get(0));
            }
            assertTrue(transactions.stream().flatMap(List::stream).noneMatch(s -> s.startsWith(START)),
                    "no first attempt written by a statement of its own: " + transactions);
            // the claim's read (the endpoints) goes by id: one SQL text whatever the number of rows; an "in (…)" list
            // of another length per claim had Hibernate build its SQL again every time (issue 16)
            java.util.Set<String> reads = claims.stream().flatMap(List::stream)
                    .filter(s -> !s.startsWith(CLAIM)).collect(java.util.stream.Collectors.toSet());
            assertTrue(reads.size() <= 1, "the endpoints, one SQL text: " + reads);
            assertTrue(reads.stream().noneMatch(s -> s.contains(" in (")), "read by id, not by an in-list: " + reads);
            assertFalse(recordings.isEmpty(), "successes are recorded set-based");
            for (List<String> t : recordings) {
                assertEquals(List.of(GENERIC_PLANS, RECORD), t.stream().map(s -> s.startsWith(RECORD) ? RECORD : s).toList(),
                        "successes recorded (rows locked, outcomes written, retries pulled forward): one statement, "
                                + "after its plan mode: " + t);
            }
            for (List<String> t : transactions) {
                int claim = t.size() - claimPart(t).size();
                if (claim < t.size()) {
                    assertTrue(claim >= 1 && t.get(claim - 1).equals(GENERIC_PLANS), "the claim runs its generic plan: " + t);
                }
            }
            for (List<String> t : transactions) {
                if (t.stream().anyMatch(s -> s.startsWith(RECORD))) {
                    assertTrue(claimPart(t).isEmpty(), "a recording claims nothing (the claims are the loop's): " + t);
                }
            }
            assertEachCalledOnce(receiver, n, unit, endpoint);
        }
    }

    /**
     * Issue 16 (hplan): the claim and the recording run a plan made once per connection, not one planned afresh per
     * call. Ten of each on one connection (one transaction; the claim for no row, so no other test's rows are
     * leased, the recording of none): PostgreSQL's own count of the prepared statements' plans ({@code pg_prepared_statements},
     * per connection) shows no custom plan of either and generic ones reused. Without the plan mode PostgreSQL's
     * choice here was five custom plans, then the generic one; under the benchmark's load, a custom plan every call.
     */
    @Test
    void theClaimAndTheRecordingRunTheirGenericPlanNotOnePlannedPerCall() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 10; i++) {
                worker.claim(0, Map.of("no-such-endpoint", 1), 1);
                worker.recordSucceeded(List.of());
            }
            for (String statement : List.of(CLAIM, RECORD)) {
                Object[] plans = session.createNativeQuery("""
                        SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) FROM pg_prepared_statements
                        WHERE lower(ltrim(statement)) LIKE ?1""", Object[].class)
                        .setParameter(1, statement + "%")
                        .getSingleResult();
                long generic = ((Number) plans[0]).longValue();
                long custom = ((Number) plans[1]).longValue();
                assertEquals(0, custom, statement + ": no custom plan (planned per call)");
                // PgJDBC names (server-prepares) a statement from its fifth execution on a connection
                assertTrue(generic >= 5, statement + ": the generic plan reused, generic plans: " + generic);
            }
        });
    }

    /**
     * Issue 16 (hwh): a successful call's slot is freed when the call ends, not when its outcome is recorded, so the
     * next due rows are called while earlier outcomes wait for their recording. The recordings of the first wave are
     * held up here by locks on their delivery rows (another transaction); the second wave is still claimed and called,
     * within the endpoint's cap; once the locks go, every outcome is recorded, one attempt each. A worker that freed
     * the slots only after recording (or recorded under the claim lock) makes no second-wave call while the locks
     * are held.
     */
    @Test
    void aSuccessfulCallsSlotIsFreedBeforeItsOutcomeIsRecorded() throws Exception {
        int perEndpoint = perEndpoint();
        int n = 2 * perEndpoint;
        try (ParallelDeliveryTest.CountingReceiver receiver = ParallelDeliveryTest.CountingReceiver.gated();
             Connection locks = dataSource.getConnection()) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            writeDue(unit, endpoint, n);
            lockFirstWaveAndOpen(receiver, perEndpoint, locks);
            // their outcomes cannot be recorded while the rows are locked; the next calls go all the same
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls.size() == n);
            assertEquals(0, succeeded(unit, endpoint), "no outcome recorded while the rows are locked");
            locks.rollback();
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(unit, endpoint) == n);
            assertTrue(receiver.maxInFlight.get() <= perEndpoint,
                    "at most " + perEndpoint + " calls at once to the endpoint, saw " + receiver.maxInFlight.get());
            assertEachCalledOnce(receiver, n, unit, endpoint);
        }
    }

    /**
     * Once a success's slot is freed before its recording, the recordings set the pace: when as many outcomes
     * wait for their recording as calls may be in flight ({@code max-concurrent}), a further success keeps its
     * slot until it is recorded — the outcomes held in memory, and the leases running meanwhile, stay bounded.
     * With the recordings blocked, the calls to one endpoint stop at max-concurrent + max-per-endpoint.
     */
    @Test
    void whileRecordingsAreBlockedTheCallsStopOnceMaxConcurrentOutcomesWait() throws Exception {
        int perEndpoint = perEndpoint();
        int maxConcurrent = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("duban.notification.deliveries.max-concurrent", Integer.class);
        int stopAt = maxConcurrent + perEndpoint;
        int n = stopAt + perEndpoint;
        try (ParallelDeliveryTest.CountingReceiver receiver = ParallelDeliveryTest.CountingReceiver.gated();
             Connection locks = dataSource.getConnection()) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            writeDue(unit, endpoint, n);
            // the first wave's rows locked: the recording that takes them waits, and every outcome after them queues
            lockFirstWaveAndOpen(receiver, perEndpoint, locks);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.total() >= stopAt);
            // and no further call while nothing can be recorded
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.total() == stopAt);
            assertEquals(0, succeeded(unit, endpoint), "no outcome recorded while the rows are locked");
            locks.rollback();
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(unit, endpoint) == n);
            assertEquals(n, receiver.total(), "no webhook-id twice: " + receiver.calls);
        }
    }

    /**
     * Issue 16 (hdel): under a backlog a claim takes rows ahead of the free slots, and they start as calls end, with
     * no statement of their own: 4 × max-per-endpoint rows due at once to one endpoint answering at once are
     * claimed in a few claims, not one per ended call (before: the first claim filled the slots, then each ended call
     * freed a slot and the loop claimed the 1–3 free, a transaction per ~2 calls). Still each row once, within the cap.
     */
    @Test
    void underABacklogAClaimTakesRowsAheadOfTheFreeSlotsSoClaimsAreFewerThanCalls() throws Exception {
        int perEndpoint = perEndpoint();
        int n = 4 * perEndpoint;
        try (ParallelDeliveryTest.CountingReceiver receiver = new ParallelDeliveryTest.CountingReceiver(1)) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            DeliveryStatements.arm();
            List<List<String>> transactions;
            try {
                writeDue(unit, endpoint, n);
                await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(unit, endpoint) == n);
            } finally {
                transactions = DeliveryStatements.disarm();
            }
            // a claim that took rows reads their endpoints after it (a second statement)
            long claims = transactions.stream().filter(t -> claimPart(t).size() == 2).count();
            System.out.printf("%d rows due at once: %d claims that took rows%n", n, claims);
            // the first claim takes 2 × max-per-endpoint (the slots and as many ahead), each later one about half that
            assertTrue(claims <= n / perEndpoint + 2, "a claim per several calls: " + claims + " claims for " + n + " calls");
            assertTrue(receiver.maxInFlight.get() <= perEndpoint,
                    "at most " + perEndpoint + " calls at once to the endpoint, saw " + receiver.maxInFlight.get());
            assertEachCalledOnce(receiver, n, unit, endpoint);
        }
    }

    /**
     * A row claimed ahead that waited for a slot longer than {@code queueWait} (half of what its lease leaves beyond
     * the longest call) is not called by this claim: it is given back — due again, its first attempt (written
     * IN_FLIGHT by the claim, never made) removed — and claimed again, so it is still called once, with one attempt,
     * and its call ends within the lease of the claim that made it. The receiver holds the first wave past queueWait.
     */
    @Test
    void aRowThatWaitedForASlotLongerThanTheQueueAllowsIsGivenBackAndStillSentOnce() throws Exception {
        int perEndpoint = perEndpoint();
        int n = 2 * perEndpoint;
        Duration wait = worker.queueWait();
        assertTrue(wait.compareTo(Duration.ZERO) > 0, "rows are claimed ahead with this configuration: " + wait);
        try (ParallelDeliveryTest.CountingReceiver receiver = ParallelDeliveryTest.CountingReceiver.gated()) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            DeliveryStatements.arm();
            List<List<String>> transactions;
            try {
                writeDue(unit, endpoint, n);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls.size() == perEndpoint);
                // the second wave, claimed ahead with the first, waits for a slot longer than it may
                await().pollDelay(wait.plusMillis(500)).atMost(wait.plusSeconds(5)).until(() -> true);
                assertEquals(perEndpoint, receiver.calls.size(), "no call beyond the endpoint's slots while they are held");
                receiver.open();
                await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(unit, endpoint) == n);
            } finally {
                transactions = DeliveryStatements.disarm();
            }
            assertTrue(transactions.stream().anyMatch(t -> t.stream().anyMatch(s -> s.startsWith(GIVE_BACK))),
                    "the rows that waited too long were given back");
            assertEquals(n, receiver.total(), "no webhook-id twice: " + receiver.calls);
            assertEquals(n, QuarkusTransaction.requiringNew().call(() -> DeliveryAttempt.count(
                    "deliveryId in (select d.id from Delivery d where d.unitCode = ?1 and d.target = ?2)", unit, endpoint)),
                    "one attempt per delivery: a given-back row's unmade attempt is gone");
            assertEquals(n, QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                    "unitCode = ?1 and target = ?2 and attempts = 1", unit, endpoint)), "each delivery counts one attempt");
        }
    }

    /**
     * A row claimed ahead waits for a slot; its attempt's {@code attemptedAt} ("when the call started", the API says)
     * is when its call started, not when it was claimed: the second wave, claimed with the first and held back while
     * the receiver holds the first wave for a second, shows a start after the receiver let go (the claim's time was
     * a second earlier).
     */
    @Test
    void aRowClaimedAheadIsTimedFromItsCallNotFromItsClaim() throws Exception {
        int perEndpoint = perEndpoint();
        int n = 2 * perEndpoint;
        try (ParallelDeliveryTest.CountingReceiver receiver = ParallelDeliveryTest.CountingReceiver.gated()) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            writeDue(unit, endpoint, n);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls.size() == perEndpoint);
            java.util.Set<String> firstWave = java.util.Set.copyOf(receiver.calls.keySet());
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
            OffsetDateTime opened = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            receiver.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(unit, endpoint) == n);
            List<DeliveryAttempt> secondWave = QuarkusTransaction.requiringNew().call(() -> DeliveryAttempt.<DeliveryAttempt>list(
                    "deliveryId in (select d.id from Delivery d where d.unitCode = ?1 and d.target = ?2)", unit, endpoint))
                    .stream().filter(a -> !firstWave.contains(a.deliveryId.toString())).toList();
            assertEquals(n - perEndpoint, secondWave.size(), "one attempt per second-wave delivery");
            for (DeliveryAttempt a : secondWave) {
                assertFalse(a.attemptedAt.isBefore(opened), "attempted at its call's start, after " + opened + ": " + a.attemptedAt);
            }
        }
    }

    /**
     * Issue 16 (hwh3): the claim reads each endpoint's first due rows up to its room, not the whole due backlog in one
     * order: an endpoint with a backlog (older rows, four times its slots, its calls held by its receiver) does not
     * keep a newer row of another endpoint waiting — that row is claimed and called while the backlog's first wave
     * is still held, and the backlog's endpoint never has more than its slots in flight.
     */
    @Test
    void anEndpointsBacklogDoesNotHoldBackAnotherEndpointsRow() throws Exception {
        int perEndpoint = perEndpoint();
        int n = 4 * perEndpoint;
        try (ParallelDeliveryTest.CountingReceiver backlogged = ParallelDeliveryTest.CountingReceiver.gated();
             ParallelDeliveryTest.CountingReceiver other = new ParallelDeliveryTest.CountingReceiver(1)) {
            String unit = TaskEvents.newUnit();
            String busy = given().contentType(ContentType.JSON).body(Map.of("url", backlogged.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            String free = given().contentType(ContentType.JSON).body(Map.of("url", other.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            writeDue(unit, busy, n);
            await().atMost(Duration.ofSeconds(30)).until(() -> backlogged.calls.size() == perEndpoint);
            writeDue(unit, free, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> other.calls.size() == 1);
            assertEquals(perEndpoint, backlogged.calls.size(), "the backlog's first wave still held, nothing more sent to it");
            backlogged.open();
            await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(unit, busy) == n && succeeded(unit, free) == 1);
            assertTrue(backlogged.maxInFlight.get() <= perEndpoint,
                    "at most " + perEndpoint + " calls at once to the endpoint, saw " + backlogged.maxInFlight.get());
            assertEachCalledOnce(backlogged, n, unit, busy);
            assertEachCalledOnce(other, 1, unit, free);
        }
    }

    /**
     * Issue 16 follow-up (hwh5): an attempt's completion (IN_FLIGHT to SUCCEEDED, after every call) changes no indexed
     * column of {@code delivery_attempt} — the partial index on {@code outcome = 'IN_FLIGHT'} is gone (V11) and the
     * table leaves room in its pages — so PostgreSQL makes it a HOT update: a new version in the same page, no index
     * entry. PostgreSQL's own counters ({@code pg_stat_user_tables}, flushed by the backends within seconds) show most of
     * the completions of {@code n} calls HOT; with the old index none could be (its predicate's column changed).
     */
    @Test
    void anAttemptsCompletionIsAHotUpdate() throws Exception {
        int n = 40;
        long[] before = attemptUpdates();
        try (ParallelDeliveryTest.CountingReceiver receiver = new ParallelDeliveryTest.CountingReceiver(1)) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            writeDue(unit, endpoint, n);
            await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(unit, endpoint) == n);
            assertEachCalledOnce(receiver, n, unit, endpoint);
        }
        // the sender threads' connections report their counts when idle (at most ~10 s later)
        await().atMost(Duration.ofSeconds(30)).until(() -> attemptUpdates()[0] - before[0] >= n);
        long[] after = attemptUpdates();
        long updates = after[0] - before[0];
        long hot = after[1] - before[1];
        System.out.printf("%d calls: %d updates of delivery_attempt, %d of them HOT%n", n, updates, hot);
        assertTrue(hot >= n / 2, "most completions are HOT updates: " + hot + " HOT of " + updates + " for " + n + " calls");
    }

    /**
     * hwh5: the worker's "when is the next row due" (after every pass that started nothing: at low load, after every
     * commit of deliveries) and the backlog gauges' counts are cached by Hibernate as one query plan each, not one per
     * call. Asked with a scalar result class ({@code OffsetDateTime.class}, {@code Long.class}) Hibernate 7.2 added a
     * plan per call under keys of one hash code: the plan cache filled with copies, each lookup compared them all
     * (JFR: a third of the delivery loop's CPU) and other statements' plans were evicted. Fifty calls of each here
     * leave the number of cached plans about where it was.
     */
    @Test
    void theNextDueTimeAndTheGaugesAreOneCachedPlanEachNotOnePerCall() {
        org.hibernate.query.spi.QueryInterpretationCache cache = session.getSessionFactory()
                .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache();
        QuarkusTransaction.requiringNew().run(() -> {
            worker.nextDue();
            metrics.read();
        });
        int before = cache.getNumberOfCachedQueryPlans();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 50; i++) {
                worker.nextDue();
                metrics.read();
            }
        });
        int after = cache.getNumberOfCachedQueryPlans();
        // for the record (not asserted: Hibernate's behaviour, not this service's): a scalar result class, 20 calls
        int control = QuarkusTransaction.requiringNew().call(() -> {
            int at = cache.getNumberOfCachedQueryPlans();
            for (int i = 0; i < 20; i++) {
                session.createNativeQuery("SELECT now() AS hwh5_control", OffsetDateTime.class).getSingleResult();
            }
            return cache.getNumberOfCachedQueryPlans() - at;
        });
        System.out.printf("cached query plans: %d before, %d after 50 calls of each; a scalar result class: +%d in 20 calls%n",
                before, after, control);
        assertTrue(after - before <= 5, "one plan per statement, not one per call: " + before + " -> " + after);
    }

    /** {@code delivery_attempt}'s updates and HOT updates so far (PostgreSQL's counters). */
    private long[] attemptUpdates() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = session.createNativeQuery(
                    "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'delivery_attempt'", Object[].class)
                    .getSingleResult();
            return new long[]{((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
        });
    }

    /**
     * Issue 16 follow-up (hwh5): when the next PENDING row falls due is read by each slot key's first entry of
     * {@code delivery_due_per_key} (the index over every key in one due order is gone, V11), and is still the
     * earliest over all keys — not the first key's. Rows of three keys, due long ago, written in a transaction that
     * is rolled back (the worker never sees them).
     */
    @Test
    void theNextDueTimeIsTheEarliestOverAllKeys() throws Exception {
        OffsetDateTime earliest = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        String unit = TaskEvents.newUnit();
        try (ParallelDeliveryTest.CountingReceiver receiver = new ParallelDeliveryTest.CountingReceiver(1)) {
            List<String> keys = new java.util.ArrayList<>(List.of(Delivery.EMAIL));
            for (int i = 0; i < 2; i++) {
                keys.add(given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                        .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id"));
            }
            // the slot keys in the index's order; the earliest row is the middle key's, the first key's row is later
            java.util.Collections.sort(keys);
            OffsetDateTime next;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    DeliveryRows.insert(c, List.of(row(unit, keys.get(0), earliest.plusHours(2)),
                            row(unit, keys.get(1), earliest.plusHours(3)), row(unit, keys.get(1), earliest),
                            row(unit, keys.get(2), earliest.plusHours(1))));
                    try (PreparedStatement st = c.prepareStatement(DeliveryWorker.NEXT_DUE);
                         java.sql.ResultSet rs = st.executeQuery()) {
                        assertTrue(rs.next(), "one row");
                        next = rs.getObject(1, OffsetDateTime.class);
                    }
                } finally {
                    c.rollback();
                }
            }
            assertEquals(earliest.toInstant(), next.toInstant(), "the earliest due time of all keys");
            assertEquals(0, receiver.total(), "the rows were never committed: no call");
        }
    }

    /** A PENDING row for the slot key (an endpoint's id, or the e-mail channel), due at {@code due}. */
    private static DeliveryRows.Row row(String unit, String key, OffsetDateTime due) {
        boolean email = Delivery.EMAIL.equals(key);
        return new DeliveryRows.Row(UUID.randomUUID(), null, UUID.randomUUID().toString(), "task.assigned", unit,
                email ? Delivery.EMAIL : Delivery.WEBHOOK, email ? unit + "@example.org" : key,
                email ? null : UUID.fromString(key), null, "{}", Delivery.Status.PENDING, due, null, null);
    }

    /** {@code n} due webhook rows for the endpoint in one commit (as the consumer writes a batch), the worker woken by it. */
    /** The test profile's cap of calls in flight per endpoint. */
    private static int perEndpoint() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("duban.notification.deliveries.max-per-endpoint", Integer.class);
    }

    private void writeDue(String unit, String endpoint, int n) {
        OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        List<DeliveryRows.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new DeliveryRows.Row(UUID.randomUUID(), null, UUID.randomUUID().toString(), "task.assigned", unit,
                    Delivery.WEBHOOK, endpoint, UUID.fromString(endpoint), null, "{\"n\":" + i + "}",
                    Delivery.Status.PENDING, created.plusNanos(i * 1000L), null, null));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            session.doWork(c -> DeliveryRows.insert(c, rows));
            committed.fire(new Committed(java.util.Set.of(), true));
        });
    }

    /**
     * Waits for the first wave (as many calls as the endpoint's slots, held by the gated receiver), locks its
     * delivery rows on {@code locks} (a transaction left open: its outcomes cannot be recorded), then lets the
     * receiver answer.
     */
    private static void lockFirstWaveAndOpen(ParallelDeliveryTest.CountingReceiver receiver, int perEndpoint, Connection locks)
            throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.calls.size() == perEndpoint);
        List<String> firstWave = List.copyOf(receiver.calls.keySet());
        locks.setAutoCommit(false);
        try (PreparedStatement lock = locks.prepareStatement(
                "SELECT id FROM delivery WHERE id = ANY(cast(? AS uuid[])) FOR UPDATE")) {
            lock.setArray(1, locks.createArrayOf("text", firstWave.toArray()));
            lock.executeQuery().close();
        }
        receiver.open();
    }

    /** A transaction's statements from its claim on (empty: it claimed nothing). */
    private static List<String> claimPart(List<String> t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).startsWith(CLAIM)) {
                return t.subList(i, t.size());
            }
        }
        return List.of();
    }


    /** Each of the {@code n} deliveries called (one webhook-id each, none twice) with one completed attempt. */
    private static void assertEachCalledOnce(ParallelDeliveryTest.CountingReceiver receiver, int n, String unit, String endpoint) {
        assertEquals(n, receiver.calls.size(), "every delivery called");
        assertEquals(n, receiver.total(), "no webhook-id twice: " + receiver.calls);
        assertEquals(n, QuarkusTransaction.requiringNew().call(() -> DeliveryAttempt.count(
                "outcome = 'SUCCEEDED' and deliveryId in (select d.id from Delivery d where d.unitCode = ?1 and d.target = ?2)",
                unit, endpoint)),
                "one attempt per delivery, completed");
    }

    private static long succeeded(String unit, String target) {
        return QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("unitCode = ?1 and target = ?2 and status = 'SUCCEEDED'", unit, target));
    }
}
