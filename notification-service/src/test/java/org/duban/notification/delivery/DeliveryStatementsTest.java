package org.duban.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

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
 * the rows it took in one transaction of at most four statements (the claim, the attempts, the
 * deliveries, their endpoints), however many rows; the successful calls that ended meanwhile are
 * recorded in one transaction of two statements (the rows locked, attempts and deliveries completed)
 * plus one per endpoint that answered (its waiting retries pulled forward), and go on with a claim into the slots
 * they freed. Before, each call took a
 * transaction of its own before the call (4–5 statements) and after it (5).
 */
@QuarkusTest
class DeliveryStatementsTest {

    private static final String CLAIM = "update delivery d set next_attempt_at";
    private static final String START = "insert into delivery_attempt";
    private static final String RECORD = "with done as";
    private static final String PULL_FORWARD = "update delivery set next_attempt_at";

    @Test
    void aClaimStartsItsFirstAttemptsInFourStatementsAndSuccessesAreRecordedTogether() throws Exception {
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

            // a recording transaction may go on with a claim into the slots it freed: its claim part begins at the claim
            List<List<String>> claims = transactions.stream().map(DeliveryStatementsTest::claimPart).filter(t -> !t.isEmpty()).toList();
            List<List<String>> recordings = transactions.stream().filter(t -> t.stream().anyMatch(s -> s.startsWith(RECORD)))
                    .map(DeliveryStatementsTest::recordingPart).toList();
            System.out.printf("%d deliveries: %d transactions; %d claims (statements: %s), %d recordings (statements: %s)%n",
                    n, transactions.size(), claims.size(), claims.stream().map(List::size).toList(),
                    recordings.size(), recordings.stream().map(List::size).toList());
            assertTrue(claims.stream().anyMatch(t -> t.stream().anyMatch(s -> s.startsWith(START))),
                    "first attempts are written in the claim's transaction: " + claims);
            for (List<String> t : claims) {
                assertTrue(t.size() <= 4, "a claim and its first attempts: at most 4 statements, whatever the rows: " + t);
            }
            // the claim's reads (the deliveries, their endpoints) go by id: one SQL text each whatever the number of
            // rows; an "in (…)" list of another length per claim had Hibernate build its SQL again every time (issue 16)
            java.util.Set<String> reads = claims.stream().flatMap(List::stream)
                    .filter(s -> !s.startsWith(CLAIM) && !s.startsWith(START)).collect(java.util.stream.Collectors.toSet());
            assertTrue(reads.size() <= 2, "the deliveries and their endpoints, one SQL text each: " + reads);
            assertTrue(reads.stream().noneMatch(s -> s.contains(" in (")), "read by id, not by an in-list: " + reads);
            assertFalse(recordings.isEmpty(), "successes are recorded set-based");
            for (List<String> t : recordings) {
                long pulls = t.stream().filter(s -> s.startsWith(PULL_FORWARD)).count();
                assertEquals(2, t.size() - pulls, "successes recorded: the rows locked, then one statement: " + t);
            }
            assertEquals(n, receiver.calls.size(), "every delivery called");
            assertEquals(n, receiver.total(), "no webhook-id twice: " + receiver.calls);
            assertEquals(n, QuarkusTransaction.requiringNew().call(() -> DeliveryAttempt.count(
                    "outcome = 'SUCCEEDED' and deliveryId in (select d.id from Delivery d where d.unitCode = ?1 and d.target = ?2)",
                    unit, endpoint)),
                    "one attempt per delivery, completed");
        }
    }

    /**
     * Issue 16: with more due rows than the endpoint's slots, a recording claims the next rows into the slots its
     * calls freed, in its own transaction — no claim of its own (and no commit) per group of calls ended — and the
     * endpoint's cap still holds: the receiver never has more calls at once than {@code max-per-endpoint}.
     */
    @Test
    void aRecordingClaimsTheNextRowsIntoTheSlotsItFreesInItsOwnTransaction() throws Exception {
        int perEndpoint = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("duban.notification.deliveries.max-per-endpoint", Integer.class);
        int n = 3 * perEndpoint;
        // each call waits (up to 1 s) until the endpoint's slots are all in use: the rest of the rows wait, due
        try (ParallelDeliveryTest.CountingReceiver receiver = new ParallelDeliveryTest.CountingReceiver(perEndpoint)) {
            String unit = TaskEvents.newUnit();
            String endpoint = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
            DeliveryStatements.arm();
            List<List<String>> transactions;
            try {
                for (int i = 0; i < n; i++) {
                    TaskEvents.assign(UUID.randomUUID(), unit, "记录即认领" + i);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> succeeded(unit, endpoint) == n);
            } finally {
                transactions = DeliveryStatements.disarm();
            }
            List<List<String>> recordingsThatClaimed = transactions.stream()
                    .filter(t -> t.stream().anyMatch(s -> s.startsWith(RECORD)))
                    .filter(t -> t.stream().anyMatch(s -> s.startsWith(START))).toList();
            long claimsAlone = transactions.stream()
                    .filter(t -> t.stream().noneMatch(s -> s.startsWith(RECORD)) && t.stream().anyMatch(s -> s.startsWith(CLAIM)))
                    .count();
            System.out.printf("%d deliveries, %d per endpoint: %d recordings that claimed and started rows, %d claims alone, "
                            + "%d transactions of the worker in all%n", n, perEndpoint, recordingsThatClaimed.size(), claimsAlone,
                    transactions.stream().filter(t -> t.stream().anyMatch(s -> s.startsWith(CLAIM) || s.startsWith(RECORD))).count());
            assertFalse(recordingsThatClaimed.isEmpty(), "the rows waiting for a slot are claimed and started by a recording");
            for (List<String> t : recordingsThatClaimed) {
                assertTrue(claimPart(t).size() <= 4, "the claim part: at most 4 statements: " + t);
            }
            assertTrue(receiver.maxInFlight.get() <= perEndpoint,
                    "at most " + perEndpoint + " calls at once to the endpoint, saw " + receiver.maxInFlight.get());
            assertEquals(n, receiver.calls.size(), "every delivery called");
            assertEquals(n, receiver.total(), "no webhook-id twice: " + receiver.calls);
            assertEquals(n, QuarkusTransaction.requiringNew().call(() -> DeliveryAttempt.count(
                    "outcome = 'SUCCEEDED' and deliveryId in (select d.id from Delivery d where d.unitCode = ?1 and d.target = ?2)",
                    unit, endpoint)),
                    "one attempt per delivery, completed");
        }
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

    /** A recording transaction's statements before the claim it may go on with. */
    private static List<String> recordingPart(List<String> t) {
        return t.subList(0, t.size() - claimPart(t).size());
    }

    private static long succeeded(String unit, String target) {
        return QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("unitCode = ?1 and target = ?2 and status = 'SUCCEEDED'", unit, target));
    }
}
