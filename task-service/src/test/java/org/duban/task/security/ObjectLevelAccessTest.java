package org.duban.task.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The object-level rules of task-service: which unit's assignments, tasks and plans a caller may
 * read or act on, with ids taken from the path, the query and the body. A refusal is a 403
 * problem+json that changes nothing.
 */
@QuarkusTest
class ObjectLevelAccessTest {

    @Inject
    EntityManager em;

    String suffix;
    /** Three units: "own" (司法局), "other" (财政局) and a third no token of these tests acts for. */
    String own;
    String other;
    String third;
    String taskId;
    String ownAssignment;
    String otherAssignment;

    @BeforeEach
    void fixture() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        own = "sfj-" + suffix;
        other = "czj-" + suffix;
        third = "jtj-" + suffix;
        RegistryUnits.seed(own, "珠海市司法局" + suffix);
        RegistryUnits.seed(other, "珠海市财政局" + suffix);
        RegistryUnits.seed(third, "珠海市交通运输局" + suffix);
        var r = given().contentType(ContentType.JSON)
                .body("{\"title\":\"推进行政执法公示制度\",\"deadline\":\"" + LocalDate.now().plusMonths(3)
                        + "\",\"unitCodes\":[\"" + own + "\",\"" + other + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract();
        taskId = r.path("id");
        ownAssignment = r.path("assignments[0].id");
        otherAssignment = r.path("assignments[1].id");
    }

    static String operator(String unit) {
        return TestKeys.token("unit-operator", unit);
    }

    private static void forbidden(ValidatableResponse r) {
        r.statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:forbidden"));
    }

    private ValidatableResponse accept(String token, String assignment) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"note\":\"已签收\"}")
                .post("/api/v1/assignments/" + assignment + "/accept").then();
    }

    private List<String> eventTypes(String assignment) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT type FROM outbox_event WHERE subject = ?1 ORDER BY seq", String.class)
                .setParameter(1, assignment).getResultList());
    }

    @Test
    void aUnitOperatorCannotAcceptAnotherUnitsAssignmentAndNothingChanges() {
        forbidden(accept(operator(own), otherAssignment));
        given().get("/api/v1/assignments/" + otherAssignment).then().statusCode(200)
                .body("state", equalTo("ASSIGNED")).body("version", equalTo(0));
        assertEquals(List.of("task.assigned"), eventTypes(otherAssignment));
        given().get("/api/v1/tasks/" + taskId + "/history").then().body("items.action", not(hasItem("accept")));
        // every other unit action on that assignment is refused the same way, whatever the body
        String token = operator(own);
        forbidden(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"summary\":\"已梳理\",\"percent\":30}")
                .post("/api/v1/assignments/" + otherAssignment + "/progress-reports").then());
        forbidden(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"reason\":\"不属于本单位\"}")
                .post("/api/v1/assignments/" + otherAssignment + "/return").then());
        forbidden(given().auth().oauth2(token).contentType(ContentType.JSON)
                .post("/api/v1/assignments/" + otherAssignment + "/submit").then());
        forbidden(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"reason\":\"待省平台上线\",\"newDeadline\":\"" + LocalDate.now().plusMonths(6) + "\"}")
                .post("/api/v1/assignments/" + otherAssignment + "/extension-requests").then());
        assertEquals(List.of("task.assigned"), eventTypes(otherAssignment));
        // its own assignment it accepts, and the history names the unit as the actor
        accept(token, ownAssignment).statusCode(200).body("state", equalTo("ACCEPTED"));
        given().get("/api/v1/tasks/" + taskId + "/history").then()
                .body("items[-1].action", equalTo("accept"))
                .body("items[-1].unitCode", equalTo(own))
                .body("items[-1].actor", equalTo("unit:" + own));
    }

    @Test
    void aUnitOperatorReadsItsOwnAssignmentButNotAnotherUnits() {
        given().auth().oauth2(operator(own)).get("/api/v1/assignments/" + ownAssignment).then().statusCode(200);
        forbidden(given().auth().oauth2(operator(own)).get("/api/v1/assignments/" + otherAssignment).then());
        forbidden(given().auth().oauth2(operator(own)).get("/api/v1/assignments/" + otherAssignment + "/progress-reports").then());
        given().auth().oauth2(operator(own)).get("/api/v1/assignments/" + ownAssignment + "/progress-reports").then().statusCode(200);
    }

    @Test
    void anIntegrationActsForEveryUnitOfItsTokenButNotForAThird() {
        String oa = TestKeys.token("integration", own, other);
        accept(oa, ownAssignment).statusCode(200);
        accept(oa, otherAssignment).statusCode(200);
        String thirdAssignment = given().contentType(ContentType.JSON)
                .body("{\"title\":\"完善交通运输领域信息公开\",\"deadline\":\"" + LocalDate.now().plusMonths(3)
                        + "\",\"unitCodes\":[\"" + third + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("assignments[0].id");
        forbidden(accept(oa, thirdAssignment));
        given().get("/api/v1/assignments/" + thirdAssignment).then().body("state", equalTo("ASSIGNED"));
        forbidden(given().auth().oauth2(oa).get("/api/v1/assignments/" + thirdAssignment).then());
        // the supervising office's decisions are not the OA system's, even for its own units
        forbidden(given().auth().oauth2(oa).contentType(ContentType.JSON).body("{\"message\":\"请尽快报送\"}")
                .post("/api/v1/assignments/" + ownAssignment + "/urge").then());
    }

    @Test
    void aUnitOperatorsListsHoldOnlyItsOwnUnitsWorkAndAFilterNamingAnotherUnitIs403() {
        given().auth().oauth2(operator(own)).get("/api/v1/assignments?limit=200").then().statusCode(200)
                .body("items.id", equalTo(List.of(ownAssignment)))
                .body("items.unitCode", everyItem(equalTo(own)));
        given().auth().oauth2(operator(own)).queryParam("unit", own).get("/api/v1/assignments").then().statusCode(200)
                .body("items.id", equalTo(List.of(ownAssignment)));
        forbidden(given().auth().oauth2(operator(own)).queryParam("unit", other).get("/api/v1/assignments").then());
        // tasks: those it has an assignment of (with all their assignments)
        given().auth().oauth2(operator(own)).get("/api/v1/tasks?limit=200").then().statusCode(200)
                .body("items.id", equalTo(List.of(taskId)))
                .body("items[0].assignments.unitCode", hasItems(own, other));
        forbidden(given().auth().oauth2(operator(own)).queryParam("unit", other).get("/api/v1/tasks").then());
        // a unit with no work sees empty lists, not everybody's
        given().auth().oauth2(operator(third)).get("/api/v1/assignments").then().statusCode(200).body("items", empty());
        given().auth().oauth2(operator(third)).get("/api/v1/tasks").then().statusCode(200).body("items", empty());
        // the supervisor and the viewer see every unit's
        given().auth().oauth2(TestKeys.token("viewer")).queryParam("unit", other).get("/api/v1/assignments").then()
                .statusCode(200).body("items.id", equalTo(List.of(otherAssignment)));
        // the work list of a unit
        given().auth().oauth2(operator(own)).get("/api/v1/units/" + own + "/work").then().statusCode(200)
                .body("items.id", equalTo(List.of(ownAssignment)));
        forbidden(given().auth().oauth2(operator(own)).get("/api/v1/units/" + other + "/work").then());
    }

    @Test
    void aTaskAndItsHistoryAreReadableOnlyByTheUnitsThatOweIt() {
        given().auth().oauth2(operator(other)).get("/api/v1/tasks/" + taskId).then().statusCode(200);
        given().auth().oauth2(operator(other)).get("/api/v1/tasks/" + taskId + "/history").then().statusCode(200);
        forbidden(given().auth().oauth2(operator(third)).get("/api/v1/tasks/" + taskId).then());
        forbidden(given().auth().oauth2(operator(third)).get("/api/v1/tasks/" + taskId + "/history").then());
        forbidden(given().auth().oauth2(TestKeys.token("integration", third)).get("/api/v1/tasks/" + taskId).then());
        given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/tasks/" + taskId).then().statusCode(200);
    }

    private String draftPlan() {
        return given().contentType(ContentType.JSON).body("""
                        {"documentNumber":"珠府办〔2020〕访问-%s号","title":"珠海市2020年政务公开工作要点分工方案","year":2020,
                         "sections":[{"title":"一、加强用权公开","workItems":[{"title":"（一）加强权力配置信息公开","tasks":[
                           {"text":"更新完善权责清单并按要求公开。","leadUnitCode":"%s","openGroups":["市直有关单位"]}]}]}]}"""
                        .formatted(suffix, own))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
    }

    @Test
    void aDraftPlanIs403ForAUnitOperatorAndLeftOutOfItsListUntilPublished() {
        String plan = draftPlan();
        forbidden(given().auth().oauth2(operator(own)).get("/api/v1/plans/" + plan).then());
        forbidden(given().auth().oauth2(TestKeys.token("integration", own)).get("/api/v1/plans/" + plan).then());
        given().auth().oauth2(operator(own)).get("/api/v1/plans?limit=200").then().statusCode(200)
                .body("items.id", not(hasItem(plan)))
                .body("items.state", everyItem(equalTo("PUBLISHED")));
        given().auth().oauth2(TestKeys.token("viewer")).get("/api/v1/plans/" + plan).then().statusCode(200)
                .body("state", equalTo("DRAFT"));
        given().get("/api/v1/plans?limit=200").then().body("items.id", hasItem(plan));

        given().post("/api/v1/plans/" + plan + "/publish").then().statusCode(200);
        given().auth().oauth2(operator(own)).get("/api/v1/plans/" + plan).then().statusCode(200)
                .body("state", equalTo("PUBLISHED"));
        given().auth().oauth2(operator(own)).get("/api/v1/plans?limit=200").then().body("items.id", hasItem(plan));
    }

    @Test
    void aClaimIsForAUnitOfTheCallersToken() {
        String plan = draftPlan();
        String task = given().post("/api/v1/plans/" + plan + "/publish").then().statusCode(200)
                .extract().path("sections[0].workItems[0].tasks[0].id");
        forbidden(given().auth().oauth2(operator(third)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + other + "\",\"group\":\"市直有关单位\"}")
                .post("/api/v1/tasks/" + task + "/claims").then());
        given().get("/api/v1/tasks/" + task).then().body("assignments.unitCode", not(hasItem(other)));
        given().auth().oauth2(operator(third)).contentType(ContentType.JSON)
                .body("{\"unitCode\":\"" + third + "\",\"group\":\"市直有关单位\"}")
                .post("/api/v1/tasks/" + task + "/claims").then().statusCode(201)
                .body("unitCode", equalTo(third)).body("state", equalTo("ACCEPTED"));
        given().get("/api/v1/tasks/" + task + "/history").then()
                .body("items[-1].action", equalTo("claim")).body("items[-1].actor", equalTo("unit:" + third));
        // designating is the supervisor's
        forbidden(given().auth().oauth2(TestKeys.token("integration", other)).contentType(ContentType.JSON)
                .body("{\"unitCodes\":[\"" + other + "\"]}").post("/api/v1/tasks/" + task + "/designations").then());
    }

    @Test
    void aViewerReadsTheLedgerButCannotUrge() {
        String plan = draftPlan();
        String assignment = given().post("/api/v1/plans/" + plan + "/publish").then().statusCode(200)
                .extract().path("sections[0].workItems[0].tasks[0].assignments[0].id");
        String viewer = TestKeys.token("viewer");
        given().auth().oauth2(viewer).get("/api/v1/plans/" + plan + "/ledger").then().statusCode(200)
                .body("items.unitCode", hasItem(own));
        given().auth().oauth2(viewer).get("/api/v1/plans/" + plan + "/statistics").then().statusCode(200);
        forbidden(given().auth().oauth2(viewer).contentType(ContentType.JSON).body("{\"message\":\"请于本周五前报送进展\"}")
                .post("/api/v1/assignments/" + assignment + "/urge").then());
        assertEquals(List.of("task.assigned"), eventTypes(assignment));
        // the ledger is not a unit's: a unit-operator gets 403 even for a plan it works on
        forbidden(given().auth().oauth2(operator(own)).get("/api/v1/plans/" + plan + "/ledger").then());
        // and no token is a 401 with the Bearer challenge
        given().auth().none().get("/api/v1/plans/" + plan + "/ledger").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
    }
}
