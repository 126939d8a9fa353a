package org.duban.task.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.messaging.Topics;
import org.duban.events.calendar.CalendarYear;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar on duban.calendar (issue 18): published at start once, and with every edit, through the outbox. */
@QuarkusTest
class CalendarPublisherTest {

    @Inject
    EntityManager em;

    @Inject
    CalendarService calendar;

    @Inject
    ObjectMapper json;

    private long events(int year) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE topic = ?1 AND record_key = ?2 AND type = ?3")
                .setParameter(1, Topics.CALENDAR).setParameter(2, Integer.toString(year)).setParameter(3, CalendarYear.TYPE)
                .getSingleResult()).longValue());
    }

    /** The year's latest snapshot in the outbox, read back into the consumer's record. */
    private CalendarYear latest(int year) throws Exception {
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT CAST(payload AS text) FROM outbox_event WHERE topic = ?1 AND record_key = ?2 ORDER BY seq DESC LIMIT 1")
                .setParameter(1, Topics.CALENDAR).setParameter(2, Integer.toString(year)).getSingleResult());
        return json.readValue(payload, CalendarYear.class);
    }

    private CalendarYear.Day day(CalendarYear y, String date) {
        return y.days().stream().filter(d -> d.date().equals(LocalDate.parse(date))).findFirst()
                .orElseThrow(() -> new AssertionError(date + " not in " + y));
    }

    @Test
    void everyShippedYearIsPublishedAtStartAndARestartPublishesNothingAgain() throws Exception {
        for (int year = 2020; year <= 2026; year++) {
            assertTrue(events(year) >= 1, "no snapshot of " + year);
        }
        CalendarYear y2026 = latest(2026);
        assertEquals(2026, y2026.year());
        assertTrue(y2026.covered());
        assertEquals(CalendarYear.Kind.HOLIDAY, day(y2026, "2026-10-01").kind());
        assertEquals("国庆节", day(y2026, "2026-10-01").name());
        assertEquals(CalendarYear.Kind.WORKDAY, day(y2026, "2026-10-10").kind());
        assertTrue(y2026.days().stream().allMatch(d -> d.date().getYear() == 2026), "only the year's own days");

        long before = events(2026);
        long allBefore = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE topic = ?1").setParameter(1, Topics.CALENDAR)
                .getSingleResult()).longValue());
        calendar.seed(); // what a restart (or a second replica's start) runs
        assertEquals(before, events(2026));
        assertEquals(allBefore, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE topic = ?1").setParameter(1, Topics.CALENDAR)
                .getSingleResult()).longValue()));
    }

    @Test
    void aPutAndADeletePublishTheYearWithTheNextVersionAndTheRelaySendsIt() throws Exception {
        // a year no other test touches
        LocalDate day = LocalDate.of(2033, 6, 15);
        long before = events(2033);
        given().contentType(ContentType.JSON).body("{\"kind\":\"HOLIDAY\",\"name\":\"台风停工\"}")
                .put("/api/v1/calendar/days/" + day).then().statusCode(201);
        assertEquals(before + 1, events(2033));
        CalendarYear put = latest(2033);
        assertEquals(List.of(new CalendarYear.Day(day, CalendarYear.Kind.HOLIDAY, "台风停工")), put.days());
        assertTrue(put.covered(), "a year with a holiday entered is covered");

        given().delete("/api/v1/calendar/days/" + day).then().statusCode(204);
        assertEquals(before + 2, events(2033));
        CalendarYear deleted = latest(2033);
        assertEquals(List.of(), deleted.days());
        assertFalse(deleted.covered());
        assertEquals(put.version() + 1, deleted.version());

        // a refused edit publishes nothing
        given().contentType(ContentType.JSON).body("{\"kind\":\"HOLIDAY\",\"name\":\"\"}")
                .put("/api/v1/calendar/days/" + day).then().statusCode(400);
        assertEquals(before + 2, events(2033));

        // the relay sends them to the broker (duban.calendar exists and accepts them)
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE topic = ?1 AND record_key = '2033'"
                        + " AND published_at IS NULL").setParameter(1, Topics.CALENDAR).getSingleResult()).longValue()) == 0);
    }
}
