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
 * plus one per endpoint that answered (its waiting retries pulled forward). Before, each call took a
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

            List<List<String>> claims = transactions.stream().filter(t -> t.stream().anyMatch(s -> s.startsWith(CLAIM))).toList();
            List<List<String>> recordings = transactions.stream().filter(t -> t.stream().anyMatch(s -> s.startsWith(RECORD))).toList();
            System.out.printf("%d deliveries: %d claim transactions (statements: %s), %d recording transactions (statements: %s)%n",
                    n, claims.size(), claims.stream().map(List::size).toList(),
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

    private static long succeeded(String unit, String target) {
        return QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("unitCode = ?1 and target = ?2 and status = 'SUCCEEDED'", unit, target));
    }
}
