package org.duban.notification.contract;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.testsupport.contract.AuthorizationMatrix;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.duban.testsupport.contract.AuthorizationMatrix.ACT_OWN;
import static org.duban.testsupport.contract.AuthorizationMatrix.EVERY_ROLE;
import static org.duban.testsupport.contract.AuthorizationMatrix.READ_OWN;
import static org.duban.testsupport.contract.AuthorizationMatrix.SUPERVISOR_AND_VIEWER;
import static org.duban.testsupport.contract.AuthorizationMatrix.SUPERVISOR_ONLY;

/**
 * Every endpoint of notification-service × every kind of caller (issue 7's policy): a unit's
 * inbox, stream, preferences, webhook endpoints and deliveries are read by supervisor, viewer and
 * the unit's own operator/integration, changed by supervisor and the unit's own; dead letters and
 * parked events are the supervising office's (viewer reads). The objects are the own unit's ({@link ContractFixture});
 * refused requests must leave the database as it was.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyEndpointAnswersEveryCallerAsThePolicySays() {
        ContractFixture f = ContractFixture.create(dataSource);
        AuthorizationMatrix m = AuthorizationMatrix.of(f.own(), f.other()).database(dataSource);

        // the inbox and its live stream
        m.entry("GET", "/api/v1/units/{code}/notifications").path("code", f.own()).allow(READ_OWN);
        m.entry("GET", "/api/v1/units/{code}/notifications/stream").path("code", f.own())
                .header("Accept", "text/event-stream").allow(READ_OWN);
        // one notification marked read first, so that read-all still has one to mark
        m.entry("POST", "/api/v1/units/{code}/notifications/{id}/read").path("code", f.own())
                .path("id", f.firstNotification()).allow(ACT_OWN);
        m.entry("POST", "/api/v1/units/{code}/notifications/read-all").path("code", f.own()).allow(ACT_OWN);
        // the pull feed (issue 19): every role, narrowed to the units the token may read (FeedTest)
        m.entry("GET", "/api/v1/notifications/feed").allow(EVERY_ROLE);

        // preferences
        m.entry("GET", "/api/v1/units/{code}/notification-preferences").path("code", f.own()).allow(READ_OWN);
        m.entry("PUT", "/api/v1/units/{code}/notification-preferences").path("code", f.own())
                .json("{\"items\":[{\"eventType\":\"task.urged\",\"channel\":\"email\",\"mode\":\"DIGEST\"}]}")
                .allow(ACT_OWN);

        // deliveries
        m.entry("GET", "/api/v1/notifications/{id}/deliveries").path("id", f.firstNotification()).allow(READ_OWN);
        m.entry("GET", "/api/v1/deliveries/{id}").path("id", f.delivery()).allow(READ_OWN);
        m.entry("GET", "/api/v1/dead-letters").allow(SUPERVISOR_AND_VIEWER);

        // webhook endpoints: the list is narrowed for unit callers, a unit filter of another unit refused
        m.entry("GET", "/api/v1/webhooks").allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/webhooks").label("?unitCode=own").query("unitCode", f.own()).allow(READ_OWN);
        m.entry("POST", "/api/v1/webhooks")
                .json("{\"url\":\"http://127.0.0.1:9/matrix\",\"unitCode\":\"" + f.own() + "\",\"description\":\"市司法局OA系统\"}")
                .allow(ACT_OWN);
        m.entry("POST", "/api/v1/webhooks").label("global (no unitCode)")
                .json("{\"url\":\"http://127.0.0.1:9/matrix-global\"}").allow(SUPERVISOR_ONLY);
        m.entry("GET", "/api/v1/webhooks/{id}").path("id", f.endpoint()).allow(READ_OWN);
        m.entry("PUT", "/api/v1/webhooks/{id}").path("id", f.endpoint())
                .json("{\"url\":\"http://127.0.0.1:9/changed\",\"eventTypes\":[\"task.urged\"],\"description\":\"改\",\"enabled\":true,\"version\":0}")
                .allow(ACT_OWN);
        m.entry("POST", "/api/v1/webhooks/{id}/rotate-secret").path("id", f.endpoint()).allow(ACT_OWN);
        m.entry("DELETE", "/api/v1/webhooks/{id}").path("id", f.endpointToDelete()).allow(ACT_OWN);

        // parked events (issue 13): the supervising office's; viewer reads. The parked record fails again on re-drive
        m.entry("GET", "/api/v1/parked-events").allow(SUPERVISOR_AND_VIEWER);
        m.entry("GET", "/api/v1/parked-events/{id}").path("id", f.parked()).allow(SUPERVISOR_AND_VIEWER);
        m.entry("POST", "/api/v1/parked-events/{id}/redrive").path("id", f.parked()).allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/parked-events/{id}/discard").path("id", f.parkedToDiscard()).allow(SUPERVISOR_ONLY);

        // last: a re-driven dead letter is sent again in the background
        m.entry("POST", "/api/v1/dead-letters/{id}/redrive").path("id", f.deadLetter()).allow(SUPERVISOR_ONLY);

        try {
            m.run();
        } finally {
            // a global endpoint would be told of every later test's notifications
            List<String> globals = given().get("/api/v1/webhooks").then().statusCode(200)
                    .extract().path("items.findAll { it.unitCode == null && it.url.startsWith('http://127.0.0.1:9/matrix') }.id");
            globals.forEach(id -> given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204));
        }
    }
}
