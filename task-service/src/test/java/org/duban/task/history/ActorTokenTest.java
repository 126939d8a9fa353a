package org.duban.task.history;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The actor of history rows is the verified token's subject; no header names it any more. */
@QuarkusTest
class ActorTokenTest {

    String unit;
    String taskId;
    String assignment;

    @BeforeEach
    void task() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        unit = "sfj-" + suffix;
        RegistryUnits.seed(unit, "珠海市司法局" + suffix);
        var r = given().contentType(ContentType.JSON)
                .body("{\"title\":\"推进行政执法公示制度\",\"deadline\":\"" + LocalDate.now().plusMonths(3)
                        + "\",\"unitCodes\":[\"" + unit + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract();
        taskId = r.path("id");
        assignment = r.path("assignments[0].id");
    }

    @Test
    void theUnitOperatorsSubjectIsTheActorAndTheOldActorHeaderIsIgnored() {
        given().auth().oauth2(TestKeys.token("unit-operator", unit)).header("X-Duban-Actor", "supervisor:冒名")
                .contentType(ContentType.JSON).body("{\"note\":\"已签收\"}")
                .post("/api/v1/assignments/" + assignment + "/accept").then().statusCode(200);
        given().get("/api/v1/tasks/" + taskId + "/history").then().statusCode(200)
                .body("items[-1].action", equalTo("accept"))
                .body("items[-1].actor", equalTo("unit:" + unit));
    }

    @Test
    void anIntegrationActingForTheUnitIsRecordedAsItself() {
        given().auth().oauth2(TestKeys.token("integration", unit)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/assignments/" + assignment + "/accept").then().statusCode(200);
        given().get("/api/v1/tasks/" + taskId + "/history").then()
                .body("items[-1].actor", equalTo("integration:oa"));
    }

    @Test
    void theSupervisorsSubjectIsTheActorEvenWhenAHeaderNamesAUnit() {
        given().header("X-Duban-Actor", "unit:" + unit).contentType(ContentType.JSON).body("{\"reason\":\"任务调整\"}")
                .post("/api/v1/assignments/" + assignment + "/cancel").then().statusCode(200);
        given().get("/api/v1/tasks/" + taskId + "/history").then()
                .body("items[-1].action", equalTo("cancel"))
                .body("items[-1].actor", equalTo("supervisor:local"));
    }
}
