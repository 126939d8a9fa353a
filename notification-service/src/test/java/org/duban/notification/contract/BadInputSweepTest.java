package org.duban.notification.contract;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.testsupport.contract.BadInputSweep;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

/**
 * Bad input to every write endpoint of notification-service (issue 7): malformed JSON, wrong
 * types, missing and unknown fields, 100 KB strings, injection strings, invalid UTF-8, oversized
 * bodies and injected path parameters each get a 4xx problem+json and change nothing; then the
 * valid baseline succeeds. Free text (stored verbatim, never interpreted): a webhook's description.
 */
@QuarkusTest
class BadInputSweepTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyWriteEndpointRefusesBadInputAndChangesNothing() {
        ContractFixture f = ContractFixture.create(dataSource);
        BadInputSweep sweep = BadInputSweep.on(dataSource);

        sweep.json("POST", "/api/v1/webhooks")
                .body("{\"url\":\"http://127.0.0.1:9/sweep\",\"unitCode\":\"" + f.own() + "\","
                        + "\"eventTypes\":[\"task.urged\"],\"description\":\"市司法局OA系统（巡检）\"}")
                .freeText("description");
        sweep.json("PUT", "/api/v1/webhooks/{id}").path("id", f.endpoint())
                .body("{\"url\":\"http://127.0.0.1:9/sweep-changed\",\"eventTypes\":[\"task.urged\"],"
                        + "\"description\":\"改为接收催办\",\"enabled\":true,\"version\":0}")
                .freeText("description");
        sweep.noBody("POST", "/api/v1/webhooks/{id}/rotate-secret").path("id", f.endpoint());
        sweep.noBody("DELETE", "/api/v1/webhooks/{id}").path("id", f.endpointToDeleteInSweep());

        sweep.json("PUT", "/api/v1/units/{code}/notification-preferences").path("code", f.own())
                .body("{\"items\":[{\"eventType\":\"task.urged\",\"channel\":\"email\",\"mode\":\"DIGEST\"}]}");
        sweep.noBody("POST", "/api/v1/units/{code}/notifications/{id}/read").path("code", f.own())
                .path("id", f.firstNotification());
        sweep.noBody("POST", "/api/v1/units/{code}/notifications/read-all").path("code", f.own());

        // a parked record that fails again on re-drive (it stays parked), and one to discard
        sweep.noBody("POST", "/api/v1/parked-events/{id}/redrive").path("id", f.parked());
        sweep.noBody("POST", "/api/v1/parked-events/{id}/discard").path("id", f.parkedToDiscardInSweep());

        // last: a re-driven dead letter is sent again in the background
        sweep.noBody("POST", "/api/v1/dead-letters/{id}/redrive").path("id", f.deadLetter());

        sweep.run();
    }
}
