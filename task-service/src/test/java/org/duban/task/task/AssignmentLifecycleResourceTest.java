package org.duban.task.task;

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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every lifecycle transition over HTTP: its happy path (state, history, event) and an illegal attempt (409). */
@QuarkusTest
class AssignmentLifecycleResourceTest {

    @Inject
    EntityManager em;

    String unit;
    String other;
    String taskId;
    String assignment;
    String deadline = LocalDate.now().plusMonths(3).toString();

    @BeforeEach
    void task() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        unit = "sfj-" + suffix;
        other = "jtj-" + suffix;
        RegistryUnits.seed(unit, "珠海市司法局" + suffix);
        RegistryUnits.seed(other, "珠海市交通运输局" + suffix);
        var r = given().contentType(ContentType.JSON)
                .body("{\"title\":\"推进行政执法公示制度\",\"deadline\":\"" + deadline + "\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract();
        taskId = r.path("id");
        assignment = r.path("assignments[0].id");
    }

    private ValidatableResponse act(String action, String body, String token) {
        var req = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        return req.post("/api/v1/assignments/" + assignment + "/" + action).then();
    }

    private ValidatableResponse unitDoes(String action, String body) {
        return act(action, body, TestKeys.token("unit-operator", unit));
    }

    private ValidatableResponse supervisorDoes(String action, String body) {
        return act(action, body, TestKeys.token("supervisor"));
    }

    private void illegal(ValidatableResponse r, String currentState) {
        r.statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:illegal-transition"))
                .body("currentState", equalTo(currentState))
                .body("allowedActions", notNullValue());
    }

    private List<String> eventTypes() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT type FROM outbox_event WHERE subject = ?1 ORDER BY seq", String.class)
                .setParameter(1, assignment).getResultList());
    }

    private String lastEvent() {
        List<String> types = eventTypes();
        return types.get(types.size() - 1);
    }

    @Test
    void acceptThenIllegalSecondAccept() {
        unitDoes("accept", "{\"note\":\"已签收\"}").statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("allowedActions", hasItem("report-progress"));
        assertEquals("task.accepted", lastEvent());
        illegal(unitDoes("accept", null), "ACCEPTED");
        given().get("/api/v1/tasks/" + taskId + "/history").then().statusCode(200)
                .body("items.action", contains("created", "assigned", "accept"))
                .body("items[2].actor", equalTo("unit:" + unit))
                .body("items[2].fromState", equalTo("ASSIGNED"))
                .body("items[2].toState", equalTo("ACCEPTED"))
                .body("items[2].reason", equalTo("已签收"));
    }

    @Test
    void illegalAttemptNamesTheCurrentStateAndTheAllowedActions() {
        unitDoes("submit", null).statusCode(409)
                .body("currentState", equalTo("ASSIGNED"))
                .body("action", equalTo("submit"))
                .body("allowedActions", contains("accept", "return", "approve-extension", "reject-extension",
                        "urge", "change-deadline", "cancel"));
        assertEquals(List.of("task.assigned"), eventTypes());
    }

    @Test
    void progressReportMovesToInProgressAndIsRefusedBeforeAccepting() {
        illegal(unitDoes("progress-reports", "{\"summary\":\"已梳理\",\"percent\":30}"), "ASSIGNED");
        unitDoes("accept", null).statusCode(200);
        unitDoes("progress-reports", """
                {"summary":"已完成权责清单梳理","percent":60,"evidenceLinks":["https://www.zhuhai.gov.cn/a"],"nextSteps":"报审"}""")
                .statusCode(201).body("state", equalTo("IN_PROGRESS")).body("progressPercent", equalTo(60))
                .body("latestProgress.summary", equalTo("已完成权责清单梳理"))
                .body("latestProgress.evidenceLinks", contains("https://www.zhuhai.gov.cn/a"));
        assertEquals("task.progress-reported", lastEvent());
        unitDoes("progress-reports", "{\"summary\":\"x\",\"percent\":101}").statusCode(400)
                .body("errors[0].field", equalTo("percent"));
        given().get("/api/v1/assignments/" + assignment + "/progress-reports").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void submitCompleteAndIllegalAfterCompletion() {
        unitDoes("accept", null).statusCode(200);
        supervisorDoes("complete", null).statusCode(409).body("currentState", equalTo("ACCEPTED"));
        unitDoes("submit", "{\"note\":\"已完成\"}").statusCode(200).body("state", equalTo("SUBMITTED"));
        assertEquals("task.submitted", lastEvent());
        supervisorDoes("complete", null).statusCode(200).body("state", equalTo("COMPLETED"))
                .body("allowedActions", hasSize(0));
        assertEquals("task.completed", lastEvent());
        illegal(unitDoes("submit", null), "COMPLETED");
        illegal(supervisorDoes("cancel", "{\"reason\":\"x\"}"), "COMPLETED");
    }

    @Test
    void sendBackMovesSubmittedWorkBackAndIsRefusedBeforeSubmission() {
        unitDoes("accept", null).statusCode(200);
        illegal(supervisorDoes("send-back", "{\"reason\":\"材料不全\"}"), "ACCEPTED");
        unitDoes("submit", null).statusCode(200);
        supervisorDoes("send-back", "{\"reason\":\"材料不全\"}").statusCode(200).body("state", equalTo("IN_PROGRESS"));
        assertEquals("task.sent-back", lastEvent());
        supervisorDoes("send-back", "{}").statusCode(400).body("errors[0].field", equalTo("reason"));
    }

    @Test
    void returnNeedsAReasonAndIsRefusedOnceWorkIsUnderway() {
        unitDoes("return", "{\"reason\":\"该事项不属于本单位职责\"}").statusCode(200).body("state", equalTo("RETURNED"));
        assertEquals("task.returned", lastEvent());
        illegal(unitDoes("accept", null), "RETURNED");
    }

    @Test
    void afterAReturnTheSupervisorDesignatesAnotherUnit() {
        unitDoes("return", "{\"reason\":\"该事项不属于本单位职责\"}").statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"unitCodes\":[\"" + other + "\"],\"reason\":\"改由交通运输局办理\"}")
                .post("/api/v1/tasks/" + taskId + "/designations").then().statusCode(201)
                .body("assignments.unitCode", contains(unit, other))
                .body("assignments.state", contains("RETURNED", "ASSIGNED"));
        // the unit that returned it cannot be designated again on the same task
        given().contentType(ContentType.JSON).body("{\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks/" + taskId + "/designations").then().statusCode(409);
        // and nobody claims a task that names no open group
        given().contentType(ContentType.JSON).body("{\"unitCode\":\"" + other + "\"}")
                .post("/api/v1/tasks/" + taskId + "/claims").then().statusCode(422);
    }

    @Test
    void returnIsRefusedInProgress() {
        unitDoes("accept", null).statusCode(200);
        unitDoes("progress-reports", "{\"summary\":\"进行中\",\"percent\":10}").statusCode(201);
        illegal(unitDoes("return", "{\"reason\":\"不属于本单位\"}"), "IN_PROGRESS");
    }

    @Test
    void extensionRequestedAndApprovedMovesTheDeadline() {
        illegal(unitDoes("extension-requests", "{\"reason\":\"待省平台上线\",\"newDeadline\":\"2099-01-01\"}"), "ASSIGNED");
        unitDoes("accept", null).statusCode(200);
        unitDoes("extension-requests", "{\"reason\":\"待省平台上线\",\"newDeadline\":\"" + deadline + "\"}")
                .statusCode(400).body("errors[0].field", equalTo("newDeadline"));
        String later = LocalDate.parse(deadline).plusMonths(1).toString();
        String rid = unitDoes("extension-requests", "{\"reason\":\"待省平台上线\",\"newDeadline\":\"" + later + "\"}")
                .statusCode(201).body("state", equalTo("PENDING")).extract().path("id");
        assertEquals("task.extension-requested", lastEvent());
        unitDoes("extension-requests", "{\"reason\":\"again\",\"newDeadline\":\"" + later + "\"}").statusCode(409)
                .body("type", equalTo("urn:duban:problem:conflict"));
        given().get("/api/v1/assignments/" + assignment).then().body("pendingExtension.id", equalTo(rid))
                .body("state", equalTo("ACCEPTED"));
        supervisorDoes("extension-requests/" + rid + "/approve", "{\"note\":\"同意\"}").statusCode(200)
                .body("state", equalTo("APPROVED"));
        assertEquals("task.extension-approved", lastEvent());
        given().get("/api/v1/assignments/" + assignment).then().body("deadline", equalTo(later));
        illegal(supervisorDoes("extension-requests/" + rid + "/approve", null), "APPROVED");
    }

    @Test
    void extensionRejectedKeepsTheDeadline() {
        unitDoes("accept", null).statusCode(200);
        String later = LocalDate.parse(deadline).plusMonths(1).toString();
        String rid = unitDoes("extension-requests", "{\"reason\":\"人手不足\",\"newDeadline\":\"" + later + "\"}")
                .statusCode(201).extract().path("id");
        supervisorDoes("extension-requests/" + rid + "/reject", "{\"note\":\"不同意\"}").statusCode(200)
                .body("state", equalTo("REJECTED"));
        assertEquals("task.extension-rejected", lastEvent());
        given().get("/api/v1/assignments/" + assignment).then().body("deadline", equalTo(deadline));
        supervisorDoes("cancel", "{\"reason\":\"任务调整\"}").statusCode(200);
        illegal(supervisorDoes("extension-requests/" + rid + "/reject", null), "CANCELLED");
    }

    @Test
    void urgeCarriesTheMessageAndIsRefusedOnceSubmitted() {
        supervisorDoes("urge", "{\"message\":\"请于本周五前报送进展\"}").statusCode(200).body("state", equalTo("ASSIGNED"));
        assertEquals("task.urged", lastEvent());
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT CAST(payload AS text) FROM outbox_event WHERE subject = ?1 AND type = 'task.urged'")
                .setParameter(1, assignment).getSingleResult());
        org.junit.jupiter.api.Assertions.assertTrue(payload.contains("请于本周五前报送进展"), payload);
        unitDoes("accept", null).statusCode(200);
        unitDoes("submit", null).statusCode(200);
        illegal(supervisorDoes("urge", "{\"message\":\"快\"}"), "SUBMITTED");
    }

    @Test
    void deadlineChangeNeedsAReasonAndIsRefusedWhenClosed() {
        String later = LocalDate.parse(deadline).plusDays(10).toString();
        supervisorDoes("deadline", "{\"deadline\":\"" + later + "\"}").statusCode(400);
        supervisorDoes("deadline", "{\"deadline\":\"" + later + "\",\"reason\":\"根据省里部署调整\"}").statusCode(200)
                .body("deadline", equalTo(later));
        assertEquals("task.deadline-changed", lastEvent());
        unitDoes("return", "{\"reason\":\"不属于本单位\"}").statusCode(200);
        illegal(supervisorDoes("deadline", "{\"deadline\":\"" + deadline + "\",\"reason\":\"x\"}"), "RETURNED");
    }

    @Test
    void cancelClosesAndIsRefusedTwice() {
        supervisorDoes("cancel", "{\"reason\":\"任务撤销\"}").statusCode(200).body("state", equalTo("CANCELLED"));
        assertEquals("task.cancelled", lastEvent());
        illegal(supervisorDoes("cancel", "{\"reason\":\"again\"}"), "CANCELLED");
        given().get("/api/v1/tasks/" + taskId + "/history").then()
                .body("items[-1].action", equalTo("cancel"))
                .body("items[-1].actor", equalTo("supervisor:local"))
                .body("items[-1].reason", equalTo("任务撤销"));
    }

    @Test
    void ifMatchActsOnlyOnTheVersionSeen() {
        String etag = given().get("/api/v1/assignments/" + assignment).then().statusCode(200).extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .post("/api/v1/assignments/" + assignment + "/accept").then().statusCode(200).body("version", equalTo(1));
        // a second client that read the old version is refused, and nothing changes
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"reason\":\"不属于本单位\"}")
                .post("/api/v1/assignments/" + assignment + "/return").then().statusCode(412)
                .body("type", equalTo("urn:duban:problem:precondition-failed"));
        given().get("/api/v1/assignments/" + assignment).then().body("state", equalTo("ACCEPTED")).header("ETag", "\"1\"");
        assertEquals("task.accepted", lastEvent());
    }

    @Test
    void unknownAssignmentIs404() {
        given().contentType(ContentType.JSON).post("/api/v1/assignments/" + UUID.randomUUID() + "/accept")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anActionWithAnOptionalBodyCanBePostedWithoutBodyOrContentType() throws Exception {
        // what `curl -X POST …/accept` sends: no body, no Content-Type
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/api/v1/assignments/" + assignment + "/accept"))
                .header("Authorization", "Bearer " + TestKeys.token("unit-operator", unit))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("task.accepted", lastEvent());
        // a malformed or over-long optional body is still a 400 problem
        given().contentType(ContentType.JSON).body("{\"note\": ").post("/api/v1/assignments/" + assignment + "/submit")
                .then().statusCode(400).body("type", equalTo("urn:duban:problem:malformed-request"));
        given().contentType(ContentType.JSON).body("{\"note\":\"" + "长".repeat(2001) + "\"}")
                .post("/api/v1/assignments/" + assignment + "/submit")
                .then().statusCode(400).body("type", equalTo("urn:duban:problem:validation"));
    }

    @Test
    void anOptionalBodyThatIsSentIsReadAsStrictlyAsAnyOther() {
        String url = "/api/v1/assignments/" + assignment + "/accept";
        given().contentType(ContentType.JSON).body("{\"note\":\"已签收\",\"notte\":\"x\"}").post(url).then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:malformed-request")).body("errors[0].field", equalTo("notte"));
        byte[] invalidUtf8 = {'{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        given().contentType(ContentType.JSON).body(invalidUtf8).post(url).then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:malformed-request"));
        given().contentType("text/plain").body("{\"note\":\"已签收\"}").post(url).then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo("urn:duban:problem:unsupported-media-type"));
        given().contentType(ContentType.JSON).body("[]").post(url).then().statusCode(400);
        assertEquals(List.of("task.assigned"), eventTypes());
        // a body that is sent must be the object: the JSON literal null is not "no body"
        given().contentType(ContentType.JSON).body("null").post(url).then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:malformed-request"));
        assertEquals(List.of("task.assigned"), eventTypes());
        given().contentType(ContentType.JSON).body("{}").post(url).then().statusCode(200).body("state", equalTo("ACCEPTED"));
    }

    @Test
    void evidenceLinksAreHttpLinks() {
        unitDoes("accept", null).statusCode(200);
        for (String link : List.of("javascript:alert(1)", "data:text/html,<b>x</b>", "https://a.gov.cn/<script>", "www.zhuhai.gov.cn")) {
            unitDoes("progress-reports", "{\"summary\":\"进行中\",\"percent\":10,\"evidenceLinks\":[\"" + link + "\"]}")
                    .statusCode(400).body("errors[0].field", equalTo("evidenceLinks[0]"));
        }
        assertEquals("task.accepted", lastEvent());
    }

    @Test
    void anActionWithoutATokenIsA401AndChangesNothing() {
        given().auth().none().contentType(ContentType.JSON).post("/api/v1/assignments/" + assignment + "/accept").then()
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unauthenticated"));
        given().get("/api/v1/assignments/" + assignment).then().body("state", equalTo("ASSIGNED"));
        assertEquals(List.of("task.assigned"), eventTypes());
    }
}
