package org.duban.notification;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import org.duban.common.outbox.Outbox;
import org.duban.common.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * notification-service writes no event (issue 18): it has no outbox, runs no relay and holds no Kafka
 * producer, and neither its readiness nor its metrics report an outbox (common's Outbox.ENABLED is off).
 */
@QuarkusTest
class NoOutboxTest {

    @Test
    void noOutboxNoRelayNoProducerAndNothingReportsOne() {
        assertFalse(Arc.container().select(Outbox.class).isResolvable(), "an Outbox bean");
        assertFalse(Arc.container().select(OutboxRelay.class).isResolvable(), "an OutboxRelay bean");
        String ready = given().auth().none().get("/q/health/ready").then().extract().asString();
        assertFalse(ready.toLowerCase().contains("outbox"), "readiness names an outbox:\n" + ready);
        String metrics = given().auth().none().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains("duban_outbox_"), "outbox gauges in /q/metrics");
        assertFalse(metrics.contains("kafka_producer_"), "a Kafka producer's meters in /q/metrics");
    }
}
