package org.duban.notification.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.common.messaging.Topics;
import org.duban.events.calendar.CalendarYear;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.notification.Units;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.digest.DigestService;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.parking.ParkedEvent;
import org.duban.notification.unit.UnitReplica;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calendar replica on a real broker (issue 18): task-service's snapshots of duban.calendar, written
 * with the shared record, reach the replica, and the digest follows them.
 */
@QuarkusTest
class CalendarReplicaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    CalendarReplica replica;

    @Inject
    DigestService digest;

    @Inject
    Session session;

    private void publish(String key, CalendarYear year) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.CALENDAR, key, json.writeValueAsString(year));
        r.headers().add(new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", CalendarYear.TYPE.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_source", "/duban/task-service".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_subject", key.getBytes(StandardCharsets.UTF_8)));
        KafkaProbe.send(TestInfra.get().bootstrapServers(), r);
    }

    private long version(int year) {
        return QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "SELECT COALESCE(MAX(version), 0) FROM calendar_replica_year WHERE year = ?1", Long.class)
                .setParameter(1, year).getSingleResult());
    }

    /** 2026's National Day week as the State Council's notice sets it (国务院办公厅 2025-11). */
    private static List<CalendarYear.Day> nationalDay2026() {
        List<CalendarYear.Day> days = new ArrayList<>();
        days.add(new CalendarYear.Day(LocalDate.parse("2026-09-20"), CalendarYear.Kind.WORKDAY, "国庆节调休上班"));
        for (LocalDate d = LocalDate.parse("2026-10-01"); !d.isAfter(LocalDate.parse("2026-10-07")); d = d.plusDays(1)) {
            days.add(new CalendarYear.Day(d, CalendarYear.Kind.HOLIDAY, "国庆节"));
        }
        days.add(new CalendarYear.Day(LocalDate.parse("2026-10-10"), CalendarYear.Kind.WORKDAY, "国庆节调休上班"));
        return days;
    }

    private static long digests(String unit, String date) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count(
                "unitCode = ?1 and eventType = 'digest' and eventId = ?2", unit, "digest:" + unit + ":" + date));
    }

    @Test
    void aCalendarEventStopsTheDigestOnNationalDayAndSendsItOnTheMakeUpSaturday() throws Exception {
        String unit = TaskEvents.newUnit();
        Units.publish(unit, "测试局" + unit, "MUNICIPAL_DEPARTMENT", Units.withContact(unit));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> UnitReplica.findById(unit)) != null);
        given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("eventType", "*", "channel", "email", "mode", "DIGEST"))))
                .put("/api/v1/units/{code}/notification-preferences", unit).then().statusCode(200);
        TaskEvents.assign(UUID.randomUUID(), unit, "国庆期间的任务");
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("unitCode = ?1 and channel = 'digest' and status = 'QUEUED'", unit)) == 1);

        long next = version(2026) + 1;
        publish("2026", new CalendarYear(2026, true, next, nationalDay2026()));
        await().atMost(WAIT).until(() -> version(2026) == next && !replica.isWorkingDay(LocalDate.parse("2026-10-01")));

        // Thursday 1 October 2026, 09:00 in Asia/Shanghai: 国庆节, no digest (on the plain week it would go out)
        assertEquals(0, digest.runIfDue(Instant.parse("2026-10-01T01:00:00Z")));
        assertEquals(0, digests(unit, "2026-10-01"));
        // Saturday 10 October 2026, 09:00: a 调休 working day, the digest goes out
        assertTrue(replica.isWorkingDay(LocalDate.parse("2026-10-10")));
        assertTrue(digest.runIfDue(Instant.parse("2026-10-10T01:00:00Z")) >= 1);
        assertTrue(digests(unit, "2026-10-10") >= 1, "a digest on the 调休 Saturday");
        // and the working-day counts follow it: after 30 Sep up to 9 Oct only 8 and 9 Oct are worked (7 on the plain week)
        assertEquals(2, replica.workingDaysBetween(LocalDate.parse("2026-09-30"), LocalDate.parse("2026-10-09")));
    }

    @Test
    void aReplayedOrOlderSnapshotChangesNothing() throws Exception {
        long v = version(2034) + 1;
        LocalDate wednesday = LocalDate.parse("2034-03-15");
        publish("2034", new CalendarYear(2034, true, v + 1,
                List.of(new CalendarYear.Day(wednesday, CalendarYear.Kind.HOLIDAY, "停工"))));
        await().atMost(WAIT).until(() -> version(2034) == v + 1 && !replica.isWorkingDay(wednesday));
        assertTrue(replica.coveredYears().contains(2034));

        // the same version again and an older one, both saying otherwise: ignored
        publish("2034", new CalendarYear(2034, false, v + 1, List.of()));
        publish("2034", new CalendarYear(2034, false, v, List.of()));
        // a newer one after them is applied: it proves the two before were read (one partition, in order)
        LocalDate thursday = wednesday.plusDays(1);
        publish("2034", new CalendarYear(2034, true, v + 2,
                List.of(new CalendarYear.Day(wednesday, CalendarYear.Kind.HOLIDAY, "停工"),
                        new CalendarYear.Day(thursday, CalendarYear.Kind.HOLIDAY, "停工"))));
        await().atMost(WAIT).until(() -> version(2034) == v + 2 && !replica.isWorkingDay(thursday));
        assertFalse(replica.isWorkingDay(wednesday));
        assertTrue(replica.coveredYears().contains(2034));
    }

    @Test
    void aSnapshotWithADayOutsideItsYearIsParkedAndChangesNothing() throws Exception {
        long before = version(2035);
        publish("2035", new CalendarYear(2035, true, before + 1,
                List.of(new CalendarYear.Day(LocalDate.parse("2036-01-01"), CalendarYear.Kind.HOLIDAY, "元旦"))));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ParkedEvent.count(
                "consumer = ?1 and topic = ?2", CalendarReplicaConsumer.CONSUMER, Topics.CALENDAR)) >= 1);
        assertEquals(before, version(2035));
        assertTrue(replica.isWorkingDay(LocalDate.parse("2036-01-01")), "2036-01-01 is a Tuesday: nothing applied");
    }
}
