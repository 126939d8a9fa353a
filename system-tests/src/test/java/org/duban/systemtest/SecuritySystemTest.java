package org.duban.systemtest;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.duban.infra.Ports;
import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bearer tokens across the three real processes, each verifying with the key set it was started with
 * (DUBAN_JWT_PUBLIC_KEY): the OA system's integration token acts for its units and nothing else, bad
 * tokens get the same 401 problem from every service, the public progress needs none, and a service
 * without a verification key refuses to start.
 */
class SecuritySystemTest {

    static final String UNAUTHENTICATED = "urn:duban:problem:unauthenticated";
    static final String FORBIDDEN = "urn:duban:problem:forbidden";

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void anIntegrationTokenForTwoUnitsActsForThemInTaskAndNotificationServiceAndIsRefusedAThirdUnits() {
        String own1 = Api.newCode("sfj");
        String own2 = Api.newCode("jtj");
        String other = Api.newCode("zjj");
        api.createUnit(own1, "珠海市司法局" + own1);
        api.createUnit(own2, "珠海市交通运输局" + own2);
        api.createUnit(other, "珠海市住房和城乡建设局" + other);
        String taskId = api.createTaskForNewUnits("梳理公开行政执法事项清单", own1, own2, other);
        Map<String, String> assignmentOf = new HashMap<>();
        given().get(suite.url(Service.TASK) + "/tasks/" + taskId).then().statusCode(200).extract().jsonPath()
                .getList("assignments", Map.class)
                .forEach(a -> assignmentOf.put((String) a.get("unitCode"), (String) a.get("id")));
        String oa = TestKeys.token("integration", own1, own2);

        // task-service: 签收 of its two units' assignments, as the OA system
        for (String unit : List.of(own1, own2)) {
            given().auth().oauth2(oa).post(suite.url(Service.TASK) + "/assignments/" + assignmentOf.get(unit) + "/accept")
                    .then().statusCode(200).body("unitCode", equalTo(unit)).body("state", equalTo("ACCEPTED"));
        }
        // … but not the third unit's, which stays as it was
        String before = given().get(suite.url(Service.TASK) + "/assignments/" + assignmentOf.get(other))
                .then().statusCode(200).extract().path("state");
        assertNotEquals("ACCEPTED", before);
        forbidden(given().auth().oauth2(oa)
                .post(suite.url(Service.TASK) + "/assignments/" + assignmentOf.get(other) + "/accept"));
        given().get(suite.url(Service.TASK) + "/assignments/" + assignmentOf.get(other))
                .then().statusCode(200).body("state", equalTo(before));
        // its list of assignments holds its units' only; asking for the third unit's is refused
        given().auth().oauth2(oa).queryParam("limit", 200).get(suite.url(Service.TASK) + "/assignments")
                .then().statusCode(200).body("items.unitCode", everyItem(in(List.of(own1, own2))))
                .body("items.id", org.hamcrest.Matchers.hasItems(assignmentOf.get(own1), assignmentOf.get(own2)));
        forbidden(given().auth().oauth2(oa).queryParam("unit", other).get(suite.url(Service.TASK) + "/assignments"));

        // notification-service: its units' inboxes, each with the task.assigned notification; not the third's
        for (String unit : List.of(own1, own2)) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    given().auth().oauth2(oa).get(suite.url(Service.NOTIFICATION) + "/units/" + unit + "/notifications")
                            .then().statusCode(200).extract().jsonPath().getList("items").size() > 0);
            given().auth().oauth2(oa).get(suite.url(Service.NOTIFICATION) + "/units/" + unit + "/notifications")
                    .then().body("items[0].taskId", equalTo(taskId));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> api.inboxSize(other) > 0);
        forbidden(given().auth().oauth2(oa).get(suite.url(Service.NOTIFICATION) + "/units/" + other + "/notifications"));
        forbidden(given().auth().oauth2(oa).post(suite.url(Service.NOTIFICATION) + "/units/" + other + "/notifications/read-all"));
        given().get(suite.url(Service.NOTIFICATION) + "/units/" + other + "/notifications")
                .then().statusCode(200).body("items[0].read", equalTo(false));
    }

    @Test
    void anExpiredTokenGets401ProblemFromEachService() {
        String expired = TestKeys.expiredToken("supervisor");
        for (String url : protectedUrls()) {
            given().auth().oauth2(expired).get(url)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                    .body("type", equalTo(UNAUTHENTICATED))
                    .body("detail", containsString("expired"));
        }
    }

    @Test
    void withoutATokenEachServiceAnswers401ProblemWithTheBearerChallenge() {
        for (String url : protectedUrls()) {
            given().auth().none().get(url)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .body("type", equalTo(UNAUTHENTICATED));
        }
    }

    @Test
    void duringAKeyRotationEachServiceAcceptsTokensOfBothKeysOfItsSetAndRefusesAForeignKeys() {
        // the processes were started with a key set (JWKS file) of the current and the next key
        String next = TestKeys.tokenSignedByNextKey("viewer");
        String foreign = TestKeys.tokenSignedByForeignKey("supervisor");
        for (String url : protectedUrls()) {
            given().auth().oauth2(TestKeys.token("viewer")).get(url).then().statusCode(200);
            given().auth().oauth2(next).get(url).then().statusCode(200);
            given().auth().oauth2(foreign).get(url)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                    .body("type", equalTo(UNAUTHENTICATED));
        }
    }

    @Test
    void thePublicProgressOfAPublishedPlanAnswersWithoutAToken() {
        String unit = Api.newCode("zsj");
        api.createUnit(unit, "珠海市政务服务数据管理局" + unit);
        String planId = publishedPlan(unit);

        // the public figures follow the plan's events within moments
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().none().get(suite.url(Service.TASK) + "/public/plans/" + planId).statusCode() != 404);
        given().auth().none().get(suite.url(Service.TASK) + "/public/plans/" + planId)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("title", equalTo("珠海市政务公开工作要点分工方案（安全测试）"))
                .body("counts.assigned", equalTo(1));
        // the same plan through the protected API needs a token
        given().auth().none().get(suite.url(Service.TASK) + "/plans/" + planId)
                .then().statusCode(401).body("type", equalTo(UNAUTHENTICATED));
    }

    @Test
    void aServiceStartedWithoutAVerificationKeyExitsAndItsLogNamesTheMissingKey() throws Exception {
        assertNull(System.getenv("DUBAN_JWT_PUBLIC_KEY"), "the test JVM must not hand a key down to the process");
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (Service s : Service.values()) {
                Map<String, String> env = new HashMap<>();
                env.put("DUBAN_DB_URL", suite.infra.dbServerUrl());
                env.put("DUBAN_DB_USER", suite.infra.dbUser());
                env.put("DUBAN_DB_PASSWORD", suite.infra.dbPassword());
                // a broker nobody listens on: this process must not join the running services' consumer groups
                env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + Ports.free());
                env.put("QUARKUS_MAILER_MOCK", "true");
                Path log = suite.logs.resolve(s.module + "-without-key.log");
                Files.deleteIfExists(log);
                started.add(ServiceProcess.start(suite.root, s, Ports.free(), env, log));
            }
            for (ServiceProcess p : started) {
                OptionalInt exit = p.awaitExit(Duration.ofSeconds(90));
                assertTrue(exit.isPresent(), p.service().module + " is still running without a key; see " + p.log());
                assertNotEquals(0, exit.getAsInt(), p.service().module + " exit code");
                String log = Files.readString(p.log(), StandardCharsets.UTF_8);
                assertTrue(log.contains("No key to verify bearer tokens") && log.contains("DUBAN_JWT_PUBLIC_KEY"),
                        p.service().module + "'s log should name the missing key: " + p.log());
            }
        } finally {
            for (ServiceProcess p : started) {
                p.kill();
            }
        }
    }

    private List<String> protectedUrls() {
        return List.of(
                suite.url(Service.REGISTRY) + "/units",
                suite.url(Service.TASK) + "/tasks",
                suite.url(Service.NOTIFICATION) + "/units/sfj/notifications");
    }

    private static void forbidden(Response r) {
        ValidatableResponse v = r.then().statusCode(403).contentType("application/problem+json");
        v.body("type", equalTo(FORBIDDEN)).body("status", equalTo(403));
    }

    /** A plan of one task for {@code unit}, published. */
    private String publishedPlan(String unit) {
        String number = "珠督安〔2020〕" + UUID.randomUUID().toString().substring(0, 6) + "号";
        String body = """
                {"documentNumber":"%s","title":"珠海市政务公开工作要点分工方案（安全测试）","year":2020,
                 "defaultDeadline":"2020-12-31",
                 "sections":[{"title":"一、加强政府网站建设","workItems":[{"title":"（一）提升政府网站服务能力","tasks":[
                    {"text":"全市政府网站全部支持互联网协议第6版。","leadUnitCode":"%s"}]}]}]}
                """.formatted(number, unit);
        JsonPath published = api.createAndPublishPlan(body);
        assertEquals("PUBLISHED", published.getString("state"));
        return published.getString("id");
    }
}
