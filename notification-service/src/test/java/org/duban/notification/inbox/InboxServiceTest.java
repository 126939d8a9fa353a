package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.common.messaging.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The database's own guarantee, independent of the consumer's processed_event log. */
@QuarkusTest
class InboxServiceTest {

    @Inject
    Dispatcher dispatcher;

    static TaskEventData assigned(UUID taskId, String unit, String unitName, String role, LocalDate deadline) {
        return new TaskEventData(taskId, UUID.randomUUID(), unit, unitName, role, "编制政务公开年度报告", deadline,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void theUniqueKeyStoresAnEventOncePerUnitAndChannel() {
        String unit = TaskEvents.newUnit();
        String otherUnit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(), TaskEventData.ASSIGNED,
                "/duban/task-service", null, taskId.toString(), "{}");
        TaskEventData data = assigned(taskId, unit, "珠海市司法局", "LEAD", LocalDate.of(2026, 12, 31));
        TaskEventData sameEventOtherUnit = assigned(taskId, otherUnit, null, "RESPONSIBLE", null);

        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> dispatcher.dispatch(event, data)));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> dispatcher.dispatch(event, data)));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> dispatcher.dispatch(event, sameEventOtherUnit)));

        assertEquals(1, TaskEvents.inboxSize(unit));
        assertEquals(1, TaskEvents.inboxSize(otherUnit));
    }
}
