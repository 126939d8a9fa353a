package org.duban.systemtest;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.duban.infra.ServiceProcess.Service;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What a client of the suite does, over HTTP. */
final class Api {
    private final Suite suite;

    Api(Suite suite) {
        this.suite = suite;
    }

    static String newCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void createUnit(String code, String name) {
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"%s\",\"name\":\"%s\",\"type\":\"MUNICIPAL_DEPARTMENT\"}".formatted(code, name))
                .post(suite.url(Service.REGISTRY) + "/units")
                .then().statusCode(201);
    }

    Response postTask(String title, String... unitCodes) {
        String codes = java.util.Arrays.stream(unitCodes).map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        return given().contentType(ContentType.JSON)
                .body("{\"title\":\"%s\",\"deadline\":\"2020-12-31\",\"unitCodes\":[%s]}".formatted(title, codes))
                .post(suite.url(Service.TASK) + "/tasks");
    }

    /**
     * Creates a task for units just created in the registry: task-service learns units from
     * duban.units, so a 422 (unknown unit) right after creating one is retried until its replica has it
     * (after a crash test, up to the consumer session timeout of 10 s).
     */
    String createTaskForNewUnits(String title, String... unitCodes) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = postTask(title, unitCodes);
            return last[0].statusCode() != 422;
        });
        last[0].then().statusCode(201);
        return last[0].path("id");
    }

    /**
     * Creates a plan (its JSON body) and publishes it; returns the published plan. Its units may
     * be new to task-service's replica (learnt from duban.units): a 422 is retried until it has them.
     */
    io.restassured.path.json.JsonPath createAndPublishPlan(String body) {
        Response[] created = new Response[1];
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> {
            created[0] = given().contentType(ContentType.JSON).body(body).post(suite.url(Service.TASK) + "/plans");
            return created[0].statusCode() != 422;
        });
        created[0].then().statusCode(201);
        String planId = created[0].path("id");
        return given().post(suite.url(Service.TASK) + "/plans/" + planId + "/publish")
                .then().statusCode(200).extract().jsonPath();
    }

    private static boolean zhuhaiLoaded;

    /** Loads the Zhuhai demo city (deploy/local/demo/zhuhai-2020.json) into the registry, once per JVM. */
    synchronized void ensureZhuhai() throws java.io.IOException {
        if (zhuhaiLoaded) {
            return;
        }
        byte[] city = java.nio.file.Files.readAllBytes(suite.root.resolve("deploy/local/demo/zhuhai-2020.json"));
        given().contentType(ContentType.JSON).body(city)
                .post(suite.url(Service.REGISTRY) + "/city/import")
                .then().statusCode(200);
        zhuhaiLoaded = true;
    }

    int inboxSize(String unitCode) {
        return given().get(suite.url(Service.NOTIFICATION) + "/units/" + unitCode + "/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
    }

    String firstInboxTaskId(String unitCode) {
        return given().get(suite.url(Service.NOTIFICATION) + "/units/" + unitCode + "/notifications")
                .then().statusCode(200).extract().jsonPath().getString("items[0].taskId");
    }
}
