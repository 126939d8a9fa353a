package org.duban.task.calendar;

import org.duban.common.calendar.WorkingDays;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.task.AssignmentLifecycle;
import org.duban.task.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The holiday notice import through HTTP against the real database: preview, confirm, who may, bad
 * text, reminders planned again and the readiness warning. The 2027 notice of the fixtures is a text
 * written in the official format (the real one could not be found); every test leaves 2027 as it
 * found it (empty: the shipped data ends with 2026), since HealthChecksTest expects it missing.
 */
@QuarkusTest
class CalendarNoticeResourceTest {

    private static final String PREVIEW = "/api/v1/calendar/notices/preview";
    private static final String CONFIRM = "/api/v1/calendar/notices/confirm";

    @Inject
    MutableClock clock;

    @Inject
    WorkingDays workingDays;

    @Inject
    EntityManager em;

    @Inject
    Event<AssignmentLifecycle.Opened> opened;

    @Inject
    Event<AssignmentLifecycle.Closed> closed;

    private UUID assignment;

    @AfterEach
    void leave2027AsItWas() {
        if (assignment != null) {
            QuarkusTransaction.requiringNew().run(() -> closed.fire(new AssignmentLifecycle.Closed(assignment, "test over")));
        }
        // through the API, so the in-memory calendar and the reminders follow as after any edit
        for (String day : given().get("/api/v1/calendar/2027").then().statusCode(200).extract().<List<String>>path("days.date")) {
            given().delete("/api/v1/calendar/days/" + day).then().statusCode(204);
        }
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("DELETE FROM calendar_seeded_year WHERE year = 2027").executeUpdate());
        clock.reset();
    }

    static String notice(int year) {
        return HolidayNoticeParserTest.notice(year);
    }

    private static List<Object> days2027() {
        return given().get("/api/v1/calendar/2027").then().statusCode(200).extract().path("days");
    }

    @Test
    void thePreviewShowsTheYearsDaysAndWhatWouldChangeAndWritesNothing() {
        JsonPath p = given().contentType("text/plain; charset=UTF-8").body(notice(2027)).post(PREVIEW)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2027, p.getInt("year"));
        assertEquals("国务院办公厅关于2027年部分节假日安排的通知", p.getString("title"));
        assertEquals(List.of("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"), p.getList("festivals.name"));
        assertEquals(List.of("2027-09-26", "2027-10-09"), p.getList("festivals.find { it.name == '国庆节' }.workdays"));
        int days = p.getList("days").size();
        assertEquals(days, p.getList("changes").size());
        assertEquals(List.of("ADDED"), p.getList("changes.change").stream().distinct().toList());
        assertEquals(0, p.getInt("unchanged"));
        assertTrue(days2027().isEmpty(), "a preview writes nothing");

        // the same as JSON
        given().contentType(ContentType.JSON).body(Map.of("text", notice(2027))).post(PREVIEW)
                .then().statusCode(200).body("days.size()", equalTo(days)).body("changes.size()", equalTo(days));
    }

    @Test
    void theNoticeOfAShippedYearChangesNothing() {
        given().contentType("text/plain; charset=UTF-8").body(notice(2024)).post(PREVIEW).then().statusCode(200)
                .body("year", equalTo(2024)).body("changes", empty()).body("unchanged", equalTo(36));
    }

    @Test
    void onlyTheSupervisorMayPreviewOrConfirm() {
        for (String token : List.of(TestKeys.token("unit-operator", "sfj"), TestKeys.token("viewer"), TestKeys.token("integration", "sfj"))) {
            for (String path : List.of(PREVIEW, CONFIRM)) {
                given().auth().oauth2(token).contentType("text/plain; charset=UTF-8").body(notice(2027)).post(path)
                        .then().statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo("urn:duban:problem:forbidden"));
            }
        }
        assertTrue(days2027().isEmpty());
    }

    @Test
    void aTextThatIsNotANoticeIsAProblemNamingTheTextAndTheLineAndNothingIsWritten() {
        // the whole 2027 notice with one wrong weekday in its last item: not even the good items are written
        String bad = notice(2027).replace("9月26日（周日）", "9月26日（周六）");
        given().contentType("text/plain; charset=UTF-8").body(bad).post(CONFIRM).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].message", startsWith("line 20: 国庆节: 2027-09-26 is a SUNDAY, not 周六"));
        given().contentType(ContentType.JSON).body(Map.of("text", "一、元旦：1月1日放假。")).post(CONFIRM).then().statusCode(400)
                .body("errors[0].field", equalTo("text")).body("errors[0].message", startsWith("line 1: no year"));
        given().contentType(ContentType.JSON).body(Map.of("text", notice(2027) + " ".repeat(HolidayNoticeParser.MAX_CHARS)))
                .post(CONFIRM).then().statusCode(413)
                .body("type", equalTo("urn:duban:problem:payload-too-large")).body("errors[0].field", equalTo("text"));
        given().contentType(ContentType.JSON).body("{}").post(CONFIRM).then().statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("text")));
        assertTrue(days2027().isEmpty(), "nothing written");
        long seeded = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM calendar_seeded_year WHERE year = 2027").getSingleResult()).longValue());
        assertEquals(0, seeded);
    }

    @Test
    void confirmingTheNoticeWritesTheYearPlansRemindersAgainAndEndsTheReadinessWarningAndTwiceChangesNothing() {
        clock.set(LocalDateTime.of(2026, 12, 2, 10, 0));
        assertTrue(String.valueOf(calendarCheck().get("warning")).contains("no holidays for 2027"));

        // an assignment due Friday 2027-10-08, the day after 国庆节 (10-01..07 in the notice); planned on the plain week
        assignment = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> opened.fire(new AssignmentLifecycle.Opened(assignment, task,
                "sfj", LocalDate.of(2027, 10, 8), AssignmentLifecycle.ReminderPolicy.DEFAULT)));
        assertEquals(List.of("APPROACHING 5 2027-10-01 09:00", "APPROACHING 3 2027-10-05 09:00",
                "APPROACHING 1 2027-10-07 09:00", "OVERDUE 1 2027-10-11 09:00"), pending(assignment));
        assertTrue(workingDays.isWorkingDay(LocalDate.of(2027, 10, 1)));

        JsonPath c = given().contentType("text/plain; charset=UTF-8").body(notice(2027)).post(CONFIRM)
                .then().statusCode(200).extract().jsonPath();
        int days = c.getList("changes").size();
        assertEquals(days, c.getInt("added"));
        assertEquals(0, c.getInt("changed") + c.getInt("removed") + c.getInt("unchanged"));
        assertTrue(c.getInt("remindersReplanned") >= 1, c.prettify());

        // the reminders count the holidays now: 5, 3 and 1 working days before the 8th are 09-26 (a Sunday worked),
        // 09-28 and 09-30; the first overdue day is Saturday 10-09, a 调休 working day
        assertEquals(List.of("APPROACHING 5 2027-09-26 09:00", "APPROACHING 3 2027-09-28 09:00",
                "APPROACHING 1 2027-09-30 09:00", "OVERDUE 1 2027-10-09 09:00"), pending(assignment));
        // what lights and working-day counts read (the in-memory calendar) has the year at once
        assertFalse(workingDays.isWorkingDay(LocalDate.of(2027, 10, 1)));
        assertTrue(workingDays.isWorkingDay(LocalDate.of(2027, 10, 9)));
        given().get("/api/v1/calendar/2027").then().statusCode(200)
                .body("days.size()", equalTo(days))
                .body("days.source", everyItem(equalTo("API")))
                .body("days.reason", everyItem(equalTo("国务院办公厅关于2027年部分节假日安排的通知")))
                .body("days.find { it.date == '2027-02-20' }.name", equalTo("春节调休上班"));
        assertFalse(calendarCheck().containsKey("warning"), calendarCheck().toString());

        // again: nothing changes, no reminder is touched
        given().contentType(ContentType.JSON).body(Map.of("text", notice(2027))).post(CONFIRM).then().statusCode(200)
                .body("added", equalTo(0)).body("changed", equalTo(0)).body("removed", equalTo(0))
                .body("unchanged", equalTo(days)).body("remindersReplanned", equalTo(0)).body("changes", empty());
        assertEquals(List.of("APPROACHING 5 2027-09-26 09:00", "APPROACHING 3 2027-09-28 09:00",
                "APPROACHING 1 2027-09-30 09:00", "OVERDUE 1 2027-10-09 09:00"), pending(assignment));

        // a corrected notice (Saturday 9-25 worked instead of Sunday 9-26) changes only those two days, the preview
        // says so first, and the 5-day reminder moves to 9-25
        String corrected = notice(2027).replace("9月26日（周日）、10月9日（周六）上班", "9月25日（周六）、10月9日（周六）上班");
        given().contentType("text/plain; charset=UTF-8").body(corrected).post(PREVIEW).then().statusCode(200)
                .body("changes.date", equalTo(List.of("2027-09-25", "2027-09-26")))
                .body("changes.change", equalTo(List.of("ADDED", "REMOVED")));
        given().contentType("text/plain; charset=UTF-8").body(corrected).post(CONFIRM).then().statusCode(200)
                .body("added", equalTo(1)).body("removed", equalTo(1)).body("remindersReplanned", greaterThanOrEqualTo(1));
        assertEquals(List.of("APPROACHING 5 2027-09-25 09:00", "APPROACHING 3 2027-09-28 09:00",
                "APPROACHING 1 2027-09-30 09:00", "OVERDUE 1 2027-10-09 09:00"), pending(assignment));
    }

    @SuppressWarnings("unchecked")
    private List<String> pending(UUID a) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT kind, threshold, to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
                        FROM reminder WHERE assignment_id = ?1 AND state = 'PENDING' ORDER BY due_at""")
                .setParameter(1, a).getResultList());
        return rows.stream().map(r -> r[0] + " " + r[1] + " " + r[2]).toList();
    }

    private static Map<String, Object> calendarCheck() {
        Map<String, Object> check = given().get("/q/health/ready").then().extract().jsonPath()
                .getMap("checks.find { it.name == 'Working-day calendar' }");
        return (Map<String, Object>) check.get("data");
    }
}
