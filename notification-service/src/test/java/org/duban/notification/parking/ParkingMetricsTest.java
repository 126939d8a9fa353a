package org.duban.notification.parking;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.notification.Scrape;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** duban_parked_events on a real scrape: a poison record parked by the real consumer is counted at the next read. */
@QuarkusTest
class ParkingMetricsTest {

    @Inject
    ParkingMetrics metrics;

    @Inject
    ParkedEvents parked;

    @Test
    void aParkedRecordRaisesTheGaugeAtTheNextRead() {
        metrics.refresh();
        double before = Scrape.now().value("duban_parked_events");
        long count = parked.countParked();
        assertEquals(count, before, 0.0, "the gauge is the count of the last read");

        String unit = TaskEvents.newUnit();
        UUID task = UUID.randomUUID();
        // data that is not JSON: parked at once
        TaskEvents.send(TaskEvents.record(task.toString(), UUID.randomUUID().toString(), "task.assigned", null, "{not json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> parked.countParked() == count + 1);
        assertEquals(before, Scrape.now().value("duban_parked_events"), 0.0, "not read per scrape");

        metrics.refresh();
        assertEquals(before + 1, Scrape.now().value("duban_parked_events"), 0.0);
    }
}
