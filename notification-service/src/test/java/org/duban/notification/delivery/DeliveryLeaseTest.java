package org.duban.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryLeaseTest {

    @Test
    void theLeaseOutlastsTheLongestCallByTenSeconds() {
        assertEquals(Duration.ofSeconds(20), DeliveryWorker.defaultLease(List.of(Duration.ofSeconds(10), Duration.ofSeconds(10))));
        assertEquals(Duration.ofSeconds(40), DeliveryWorker.defaultLease(List.of(Duration.ofSeconds(30), Duration.ofSeconds(10))));
        assertEquals(Duration.ofSeconds(70), DeliveryWorker.defaultLease(List.of(Duration.ofSeconds(10), Duration.ofSeconds(60))));
    }

    /** A row claimed ahead may wait for a slot half of what its lease leaves beyond the longest call; none if nothing is left. */
    @Test
    void aClaimedRowWaitsForASlotAtMostHalfOfWhatTheLeaseLeavesBeyondTheLongestCall() {
        assertEquals(Duration.ofSeconds(5), DeliveryWorker.queueWait(Duration.ofSeconds(20), List.of(Duration.ofSeconds(10), Duration.ofSeconds(3))));
        assertEquals(Duration.ofSeconds(15), DeliveryWorker.queueWait(Duration.ofSeconds(60), List.of(Duration.ofSeconds(30))));
        assertEquals(Duration.ZERO, DeliveryWorker.queueWait(Duration.ofSeconds(10), List.of(Duration.ofSeconds(10))));
        assertEquals(Duration.ZERO, DeliveryWorker.queueWait(Duration.ofSeconds(5), List.of(Duration.ofSeconds(10))));
    }
}
