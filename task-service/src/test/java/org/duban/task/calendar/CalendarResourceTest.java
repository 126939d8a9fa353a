package org.duban.task.calendar;

import org.duban.common.calendar.WorkingDays;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CalendarResourceTest {

    @Inject
    WorkingDays workingDays;

    @Test
    void theYearListsTheSeededHolidaysAndAdjustedWorkingDays() {
        given().get("/api/v1/calendar/2020").then().statusCode(200)
                .body("year", equalTo(2020))
                .body("workingDays", equalTo(249))
                .body("days.find { it.date == '2020-10-10' }.kind", equalTo("WORKDAY"))
                .body("days.find { it.date == '2020-10-10' }.name", equalTo("国庆节、中秋节调休上班"))
                .body("days.find { it.date == '2020-02-01' }.kind", equalTo("HOLIDAY"))
                .body("days.find { it.date == '2020-02-01' }.source", equalTo("SEED"))
                .body("days.name", hasItem("清明节"));
    }

    @Test
    void countsWorkingDaysAcrossTheNationalDayWeek() {
        given().queryParam("from", "2020-09-30").queryParam("to", "2020-10-12")
                .get("/api/v1/calendar/working-days").then().statusCode(200)
                .body("workingDays", equalTo(3)); // 10-09, 10-10 (调休), 10-12
    }

    @Test
    void aBadDateIsAValidationProblemNamingTheField() {
        given().queryParam("from", "2020-13-01").queryParam("to", "2020-10-12")
                .get("/api/v1/calendar/working-days").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("from"));
        given().queryParam("to", "2020-10-12")
                .get("/api/v1/calendar/working-days").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void theSupervisorMarksADayAndTheCalendarUsesItAtOnceThenRemovesIt() {
        // a Wednesday in 2031, far from the shipped data and from other tests
        LocalDate day = LocalDate.of(2031, 3, 12);
        assertTrue(workingDays.isWorkingDay(day));
        given().contentType(ContentType.JSON).body("""
                        {"kind":"HOLIDAY","name":"台风停工","reason":"市防指通知全市停工停课"}""")
                .put("/api/v1/calendar/days/" + day).then().statusCode(201)
                .body("kind", equalTo("HOLIDAY")).body("source", equalTo("API")).body("workingDay", equalTo(false));
        assertFalse(workingDays.isWorkingDay(day));

        // a stale If-Match is refused and changes nothing
        int v = given().get("/api/v1/calendar/days/" + day).then().statusCode(200).extract().path("version");
        given().contentType(ContentType.JSON).header("If-Match", "\"" + (v + 7) + "\"")
                .body("{\"kind\":\"WORKDAY\",\"name\":\"x\"}")
                .put("/api/v1/calendar/days/" + day).then().statusCode(412)
                .body("type", equalTo("urn:duban:problem:precondition-failed"));
        assertFalse(workingDays.isWorkingDay(day));

        given().contentType(ContentType.JSON).header("If-Match", "\"" + v + "\"")
                .body("{\"kind\":\"HOLIDAY\",\"name\":\"台风停工（延长）\"}")
                .put("/api/v1/calendar/days/" + day).then().statusCode(200).body("name", equalTo("台风停工（延长）"));

        given().delete("/api/v1/calendar/days/" + day).then().statusCode(204);
        assertTrue(workingDays.isWorkingDay(day));
        given().delete("/api/v1/calendar/days/" + day).then().statusCode(404);
        given().get("/api/v1/calendar/days/" + day).then().statusCode(404);
    }

    @Test
    void aSaturdayCanBecomeAWorkingDay() {
        LocalDate sat = LocalDate.of(2031, 3, 15);
        assertFalse(workingDays.isWorkingDay(sat));
        given().contentType(ContentType.JSON).body("{\"kind\":\"WORKDAY\",\"name\":\"调休上班\"}")
                .put("/api/v1/calendar/days/" + sat).then().statusCode(201);
        assertTrue(workingDays.isWorkingDay(sat));
        given().delete("/api/v1/calendar/days/" + sat).then().statusCode(204);
    }

    @Test
    void anInvalidBodyIsRefusedWithTheField() {
        given().contentType(ContentType.JSON).body("{\"kind\":\"HOLIDAY\",\"name\":\"\"}")
                .put("/api/v1/calendar/days/2031-03-19").then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:validation"));
        given().get("/api/v1/calendar/days/2031-03-19").then().statusCode(404);
    }
}
