package org.duban.task.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.duban.task.time.MutableClock;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Lists by unit, role, state, light, due date and text; a unit's work list by urgency; lights on the calendar. */
@QuarkusTest
class QueryResourceTest {

    @Inject
    MutableClock clock;

    String a;
    String b;
    String tag;
    String overdue;
    String soon;
    String later;

    @BeforeEach
    void tasks() {
        // Tuesday 2020-09-01: the 3rd (Thursday) is 2 working days away, inside the 5-day window
        clock.set(LocalDateTime.of(2020, 9, 1, 9, 0));
        tag = UUID.randomUUID().toString().substring(0, 8);
        a = "sfj-" + tag;
        b = "zsj-" + tag;
        RegistryUnits.seed(a, "珠海市司法局" + tag);
        RegistryUnits.seed(b, "珠海市政务服务数据管理局" + tag);
        overdue = create("逾期任务" + tag, "2020-08-31", a);
        soon = create("临近任务" + tag, "2020-09-03", a, b);
        later = create("年底任务" + tag, "2020-12-31", b, a);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String create(String title, String deadline, String... units) {
        String list = String.join("\",\"", units);
        return given().contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"deadline\":\"" + deadline + "\",\"unitCodes\":[\"" + list + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    @Test
    void aUnitsWorkListIsOverdueFirstThenByDeadlineWithLights() {
        given().get("/api/v1/units/" + a + "/work").then().statusCode(200)
                .body("items.taskId", contains(overdue, soon, later))
                .body("items.light", contains("RED", "YELLOW", "GREEN"))
                .body("nextCursor", nullValue());
        String cursor = given().queryParam("limit", 2).get("/api/v1/units/" + a + "/work").then()
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/units/" + a + "/work").then()
                .body("items.taskId", contains(later)).body("nextCursor", nullValue());
    }

    @Test
    void assignmentsFilterByLightUnitRoleStateAndDueDate() {
        given().queryParam("unit", a).queryParam("light", "RED").get("/api/v1/assignments").then()
                .body("items.taskId", contains(overdue));
        given().queryParam("unit", a).queryParam("light", "yellow").get("/api/v1/assignments").then()
                .body("items.taskId", contains(soon));
        given().queryParam("q", tag).queryParam("role", "LEAD").get("/api/v1/assignments").then()
                .body("items.unitCode", contains(a, a, b));
        given().queryParam("q", tag).queryParam("dueBefore", "2020-09-30").queryParam("dueAfter", "2020-09-01")
                .get("/api/v1/assignments").then().body("items", hasSize(2)).body("items.taskId", contains(soon, soon));
        String id = given().queryParam("unit", a).queryParam("q", "年底").get("/api/v1/assignments").then()
                .body("items", hasSize(1)).extract().path("items[0].id");
        given().contentType(ContentType.JSON).post("/api/v1/assignments/" + id + "/accept").then().statusCode(200);
        given().queryParam("unit", a).queryParam("state", "ACCEPTED").get("/api/v1/assignments").then()
                .body("items.id", contains(id));
    }

    @Test
    void tasksFilterByTextUnitRoleAndTheirWorstLight() {
        given().queryParam("q", tag).get("/api/v1/tasks").then()
                .body("items.id", containsInAnyOrder(overdue, soon, later));
        given().queryParam("q", tag).queryParam("unit", b).queryParam("role", "LEAD").get("/api/v1/tasks").then()
                .body("items.id", contains(later));
        given().queryParam("q", tag).queryParam("light", "RED").get("/api/v1/tasks").then()
                .body("items.id", contains(overdue)).body("items[0].light", equalTo("RED"));
        given().queryParam("q", tag).queryParam("dueBefore", "2020-09-30").get("/api/v1/tasks").then()
                .body("items.id", containsInAnyOrder(overdue, soon));
    }

    @Test
    void fallingBehindOnReportedProgressTurnsYellowAndCatchingUpTurnsGreen() {
        String id = given().queryParam("unit", a).queryParam("q", "年底").get("/api/v1/assignments").then()
                .extract().path("items[0].id");
        given().contentType(ContentType.JSON).post("/api/v1/assignments/" + id + "/accept").then().statusCode(200);
        // mid-November: about 60 % of the time gone, nothing reported, deadline still > 5 working days away
        clock.set(LocalDateTime.of(2020, 11, 16, 9, 0));
        given().get("/api/v1/assignments/" + id).then().body("light", equalTo("YELLOW"));
        given().queryParam("unit", a).queryParam("light", "YELLOW").get("/api/v1/assignments").then()
                .body("items.id", contains(id));
        given().contentType(ContentType.JSON).body("{\"summary\":\"已完成大部分\",\"percent\":60}")
                .post("/api/v1/assignments/" + id + "/progress-reports").then().statusCode(201).body("light", equalTo("GREEN"));
        given().queryParam("unit", a).queryParam("light", "GREEN").get("/api/v1/assignments").then()
                .body("items.id", contains(id));
    }

    @Test
    void badFiltersAreA400NamingTheParameter() {
        given().queryParam("light", "PURPLE").get("/api/v1/assignments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("light"));
        given().queryParam("dueBefore", "2020-13-01").get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("dueBefore"));
        given().queryParam("cursor", "garbage").get("/api/v1/units/" + a + "/work").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("plan", "not-a-uuid").get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("plan"));
    }
}
