package org.duban.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryLeaseTest {

    @Test
    void theLeaseOutlastsTheLongestCallByTenSeconds() {
        assertEquals(Duration.ofSeconds(20), DeliveryWorker.defaultLease(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(40), DeliveryWorker.defaultLease(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(70), DeliveryWorker.defaultLease(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }
}
