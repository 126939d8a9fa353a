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
}
