package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.common.messaging.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database's own guarantee, independent of the consumer's processed_event log. */
@QuarkusTest
class InboxServiceTest {

    @Inject
    InboxService inbox;

    @Test
    void theUniqueKeyStoresAnEventOncePerUnitAndChannel() {
        String unit = TaskEvents.newUnit();
        String otherUnit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(), TaskAssigned.TYPE,
                "/duban/task-service", null, taskId.toString(), "{}");
        TaskAssigned data = new TaskAssigned(taskId, UUID.randomUUID(), unit, "珠海市司法局", TaskAssigned.Role.LEAD,
                "编制政务公开年度报告", LocalDate.of(2026, 12, 31), OffsetDateTime.now());
        TaskAssigned sameEventOtherUnit = new TaskAssigned(taskId, UUID.randomUUID(), otherUnit, null,
                TaskAssigned.Role.RESPONSIBLE, "编制政务公开年度报告", null, OffsetDateTime.now());

        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.deliverTaskAssigned(event, data)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.deliverTaskAssigned(event, data)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.deliverTaskAssigned(event, sameEventOtherUnit)));

        assertEquals(1, TaskEvents.inboxSize(unit));
        assertEquals(1, TaskEvents.inboxSize(otherUnit));
    }
}
