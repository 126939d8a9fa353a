package org.duban.systemtest;

import io.restassured.http.ContentType;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The slice across the three processes: registry → duban.units → task-service → duban.task-events → inbox. */
class EndToEndSliceTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void aUnitThenATaskForItPutsExactlyOneNotificationInItsInbox() {
        String code = Api.newCode("sfj");
        api.createUnit(code, "珠海市司法局" + code);
        String taskId = api.createTaskForNewUnits("编制并发布2020年政务公开工作年度报告", code);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.inboxSize(code) > 0);
        assertEquals(taskId, api.firstInboxTaskId(code));
        given().get(suite.url(Service.NOTIFICATION) + "/units/" + code + "/notifications")
                .then().body("items[0].title", containsString("编制并发布2020年政务公开工作年度报告"));

        // nothing more arrives later: still exactly one after the pipeline has had time to settle
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> api.inboxSize(code) == 1);
    }

    @Test
    void aTaskForAnUnknownUnitIsRefusedAndNotifiesNobody() {
        String known = Api.newCode("zsj");
        api.createUnit(known, "珠海市政务服务数据管理局" + known);
        api.createTaskForNewUnits("预热副本", known);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.inboxSize(known) == 1);

        api.postTask("不应创建的任务", known, "no-such-unit")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-unit"));
        given().contentType(ContentType.JSON).body("{not json")
                .post(suite.url(Service.TASK) + "/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:malformed-request"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> api.inboxSize(known) == 1);
    }
}
