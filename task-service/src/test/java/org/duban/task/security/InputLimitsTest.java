package org.duban.task.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * Issue 12, round two: what outside testers sent. Control characters in query and path parameters
 * and in bodies, a typed parameter that cannot be read, a key given twice and dates outside
 * 2000-01-01..2100-12-31 are each a 400 problem naming the field — not a 500, not a 404, not a
 * request that runs for hours or a reminder in the year 10000 — and the edges of the range are accepted.
 */
@QuarkusTest
class InputLimitsTest {

    private static final String VALIDATION = "urn:duban:problem:validation";

    private final String unit = "il-" + UUID.randomUUID().toString().substring(0, 8);

    private String task(String deadline) {
        RegistryUnits.seed(unit, "珠海市输入局" + unit);
        return given().contentType(ContentType.JSON)
                .body("{\"title\":\"推进行政执法公示制度\",\"deadline\":\"" + deadline + "\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("assignments[0].id");
    }

    private static void refused(io.restassured.response.Response r, String field, String type) {
        r.then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(type))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void aNulInAQueryParameterIsA400NamingIt() {
        refused(given().urlEncodingEnabled(false).get("/api/v1/tasks?q=%E6%94%BF%00"), "q", VALIDATION);
        refused(given().urlEncodingEnabled(false).get("/api/v1/assignments?unit=sfj%00"), "unit", VALIDATION);
        refused(given().urlEncodingEnabled(false).get("/api/v1/tasks?cursor=%1B%5B2J"), "cursor", VALIDATION);
    }

    @Test
    void aNulInAPathParameterIsA400NamingIt() {
        refused(given().urlEncodingEnabled(false).get("/api/v1/units/sfj%00/work"), "code", VALIDATION);
        refused(given().urlEncodingEnabled(false).get("/api/v1/calendar/days/2020-10-01%00"), "date", VALIDATION);
    }

    @Test
    void aNulInABodyIsA400NamingTheField() {
        RegistryUnits.seed(unit, "珠海市输入局" + unit);
        refused(given().contentType(ContentType.JSON)
                .body("{\"title\":\"推进\\u0000公示\",\"deadline\":\"2030-12-31\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks"), "title", VALIDATION);
        // the optional body of an action, read by hand, is read as strictly
        String a = task("2030-12-31");
        refused(given().contentType(ContentType.JSON).body("{\"note\":\"已签收\\u0007\"}")
                .post("/api/v1/assignments/" + a + "/accept"), "note", VALIDATION);
        given().get("/api/v1/assignments/" + a).then().body("state", equalTo("ASSIGNED"));
    }

    @Test
    void freeTextKeepsItsNewlinesAndTabs() {
        String a = task("2030-12-31");
        given().contentType(ContentType.JSON).body("{\"note\":\"第一行\\n\\t第二行\"}")
                .post("/api/v1/assignments/" + a + "/accept").then().statusCode(200);
    }

    @Test
    void aParameterThatIsNotANumberOrAUuidIsA400NotA404() {
        refused(given().get("/api/v1/tasks?limit=abc"), "limit", VALIDATION);
        refused(given().get("/api/v1/assignments?limit=1e3"), "limit", VALIDATION);
        refused(given().get("/api/v1/plans?cursor=not-a-uuid"), "cursor", VALIDATION);
        refused(given().get("/api/v1/tasks/not-a-uuid"), "id", VALIDATION);
        given().get("/api/v1/tasks?limit=abc").then().body("errors[0].message", equalTo("not a whole number"))
                .body("errors[0].rejectedValue", equalTo("abc"));
        // a number out of bounds stays a validation problem of the same kind
        refused(given().get("/api/v1/tasks?limit=0"), "limit", VALIDATION);
    }

    @Test
    void aKeyGivenTwiceIsA400NamingIt() {
        RegistryUnits.seed(unit, "珠海市输入局" + unit);
        given().contentType(ContentType.JSON)
                .body("{\"title\":\"甲\",\"deadline\":\"2030-12-31\",\"title\":\"乙\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:malformed-request"))
                .body("errors[0].field", equalTo("title"))
                .body("detail", containsString("given twice"));
    }

    @Test
    void theFarEndsOfTheCalendarAreRefusedAtOnce() {
        // before: accepted, and the count ran for hours
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 20_000)))
                .queryParam("from", "-999999999-01-01").queryParam("to", "+999999999-12-31")
                .get("/api/v1/calendar/working-days")
                .then().time(lessThan(5_000L)).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(VALIDATION)).body("errors[0].field", equalTo("from"));
        refused(given().queryParam("from", "2020-01-01").queryParam("to", "2101-01-01").get("/api/v1/calendar/working-days"),
                "to", VALIDATION);
        refused(given().queryParam("from", "1999-12-31").queryParam("to", "2020-01-01").get("/api/v1/calendar/working-days"),
                "from", VALIDATION);
        refused(given().get("/api/v1/calendar/9999"), "year", VALIDATION);
        refused(given().contentType(ContentType.JSON).body("{\"kind\":\"HOLIDAY\",\"name\":\"远\"}")
                .put("/api/v1/calendar/days/9999-12-31"), "date", VALIDATION);
    }

    @Test
    void theEdgesOfTheRangeAreAcceptedInParameters() {
        given().queryParam("from", "2000-01-01").queryParam("to", "2100-12-31").get("/api/v1/calendar/working-days")
                .then().statusCode(200);
        given().get("/api/v1/assignments?dueAfter=2000-01-01&dueBefore=2100-12-31").then().statusCode(200);
        refused(given().get("/api/v1/assignments?dueBefore=2101-01-01"), "dueBefore", VALIDATION);
        refused(given().get("/api/v1/tasks?dueAfter=1999-12-31"), "dueAfter", VALIDATION);
    }

    @Test
    void aDeadlineOrExtensionOf9999IsA400AndChangesNothing() {
        String a = task("2030-12-31");
        refused(given().contentType(ContentType.JSON).body("{\"deadline\":\"9999-12-31\",\"reason\":\"远期\"}")
                .post("/api/v1/assignments/" + a + "/deadline"), "deadline", VALIDATION);
        given().post("/api/v1/assignments/" + a + "/accept").then().statusCode(200);
        refused(given().contentType(ContentType.JSON).body("{\"reason\":\"待省平台上线\",\"newDeadline\":\"9999-12-31\"}")
                .post("/api/v1/assignments/" + a + "/extension-requests"), "newDeadline", VALIDATION);
        given().get("/api/v1/assignments/" + a).then().statusCode(200).body("deadline", equalTo("2030-12-31"))
                .body("state", equalTo("ACCEPTED"));
        RegistryUnits.seed(unit, "珠海市输入局" + unit);
        refused(given().contentType(ContentType.JSON)
                .body("{\"title\":\"远期任务\",\"deadline\":\"9999-12-31\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks"), "deadline", VALIDATION);
    }

    @Test
    void theEdgesOfTheRangeAreAcceptedInBodies() {
        task("2100-12-31");
        RegistryUnits.seed(unit, "珠海市输入局" + unit);
        refused(given().contentType(ContentType.JSON)
                .body("{\"title\":\"远期任务\",\"deadline\":\"2101-01-01\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks"), "deadline", VALIDATION);
        String plan = """
                {"documentNumber":"珠府办〔2000〕边界-%s号","title":"边界方案","issuer":"珠海市人民政府办公室",
                 "issueDate":"%s","year":2000,"defaultDeadline":"2000-12-31",
                 "sections":[{"title":"一、边界","workItems":[{"title":"（一）边界","tasks":[
                   {"text":"边界任务。","leadUnitCode":"%s","responsibleUnitCodes":[]}]}]}]}""";
        given().contentType(ContentType.JSON).body(plan.formatted(UUID.randomUUID(), "2000-01-01", unit))
                .post("/api/v1/plans").then().statusCode(201);
        refused(given().contentType(ContentType.JSON).body(plan.formatted(UUID.randomUUID(), "1999-12-31", unit))
                .post("/api/v1/plans"), "issueDate", VALIDATION);
    }
}
