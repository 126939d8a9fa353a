package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.unit.UnitReplica;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * hcons, hrows (issue 16): the consumer's transaction makes as many round trips to PostgreSQL for a batch of 200 or
 * 300 events as for one — under load each round trip waits for a core, so it is the transaction's length. Three: the
 * ids recorded with the look-ups ({@link Dispatcher#begin}), the notifications with their deliveries and NOTIFYs
 * (one statement, hrows), the commit (before hcons: eight — units, preferences, endpoints, processed_event,
 * notifications, deliveries, NOTIFY, commit — and a notification batch grew by one per 256 rows; before hrows: four,
 * the deliveries a JDBC batch of their own, which PgJDBC cut with one more round trip per 256 rows). Counted on the consuming thread ({@link RoundTrips}), the batch
 * handed to the consumer as the connector hands it; the rows it wrote are checked too.
 */
@QuarkusTest
class ConsumerRoundTripsTest {

    private static final AtomicLong OFFSET = new AtomicLong(3_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));

    @Inject
    TaskEventConsumer consumer;

    private static ConsumerRecord<String, String> consumed(ProducerRecord<String, String> r) {
        return new ConsumerRecord<>(r.topic(), 0, OFFSET.incrementAndGet(), ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, -1, r.key(), r.value(), new RecordHeaders(r.headers().toArray()),
                Optional.empty());
    }

    private static ConsumerRecord<String, String> assigned(String unit, String title) {
        UUID taskId = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        return consumed(TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(), "task.assigned",
                assignment.toString(), TaskEvents.assignedJson(taskId, assignment, unit, "单位" + unit, "LEAD", title,
                        "2026-12-31")));
    }

    /** {@code n} task.assigned events, over the units in turn. */
    private static List<ConsumerRecord<String, String>> batch(int n, List<String> units) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(assigned(units.get(i % units.size()), "往返计数" + i));
        }
        return batch;
    }

    private int roundTrips(List<ConsumerRecord<String, String>> batch) {
        try (RoundTrips trips = new RoundTrips()) {
            consumer.consumeAll(batch);
            System.out.printf("a batch of %d records: %d round trips; statements parsed: %s%n", batch.size(),
                    trips.count(), trips.statements());
            return trips.count();
        }
    }

    private static List<String> unitsWithEndpoints(Receiver receiver, int n) {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            units.add(TaskEvents.newUnit());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code in ?1", units)) == n);
        for (String unit : units) {
            given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201);
        }
        return units;
    }

    private static long webhookDeliveries(List<String> units) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("unitCode in ?1 and channel = ?2",
                units, Delivery.WEBHOOK));
    }

    private static int inbox(List<String> units) {
        return units.stream().mapToInt(TaskEvents::inboxSize).sum();
    }

    @Test
    void aBatchOf200EventsTakesAsManyRoundTripsAsOneEvent() throws Exception {
        try (Receiver receiver = new Receiver()) {
            List<String> units = unitsWithEndpoints(receiver, 4);
            roundTrips(batch(1, units)); // the statements prepared once, as in a running service

            int one = roundTrips(batch(1, units));
            int twenty = roundTrips(batch(20, units));
            int twoHundred = roundTrips(batch(200, units));

            assertEquals(3, one, "ids with look-ups, notifications with their deliveries and NOTIFYs, commit");
            assertEquals(one, twenty);
            assertEquals(one, twoHundred);
            assertEquals(222, inbox(units), "every event told its unit once");
            assertEquals(222, webhookDeliveries(units), "one webhook delivery per notification");
        }
    }

    @Test
    void aBatchWithMoreDeliveriesThanTheDriversBatchCutTakesAsManyRoundTripsAsOneEvent() throws Exception {
        try (Receiver receiver = new Receiver()) {
            List<String> units = unitsWithEndpoints(receiver, 3);
            roundTrips(batch(1, units));

            int one = roundTrips(batch(1, units));
            // 300 notifications, 300 webhook deliveries: past the 256 rows at which PgJDBC cuts a JDBC batch
            int threeHundred = roundTrips(batch(300, units));

            assertEquals(one, threeHundred);
            assertEquals(3, one);
            assertEquals(302, inbox(units), "every event told its unit once");
            assertEquals(302, webhookDeliveries(units), "one webhook delivery per notification");
        }
    }

    @Test
    void aBatchAppliedAlreadyTakesTwoRoundTripsAndWritesNothing() throws Exception {
        try (Receiver receiver = new Receiver()) {
            List<String> units = unitsWithEndpoints(receiver, 2);
            List<ConsumerRecord<String, String>> batch = batch(30, units);
            consumer.consumeAll(batch);
            assertEquals(30, inbox(units));

            // redelivered (a crash before the offsets were committed): the ids are known, nothing is rendered
            assertEquals(2, roundTrips(batch), "ids with look-ups, commit");
            assertEquals(30, inbox(units), "nothing twice");
            assertEquals(30, webhookDeliveries(units));
        }
    }

    @Test
    void eventsNobodyIsToldOfTakeTwoRoundTrips() {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(consumed(TaskEvents.record(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    "plan.published", null, "{\"planId\":\"" + UUID.randomUUID() + "\"}")));
        }
        roundTrips(batch.subList(0, 1));
        assertEquals(2, roundTrips(batch.subList(1, 50)), "ids with look-ups, commit");
    }
}
