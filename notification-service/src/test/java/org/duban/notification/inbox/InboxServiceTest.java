package org.duban.notification.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.common.messaging.IncomingEvent;
import org.duban.events.task.TaskAssigned;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The database's own guarantee, independent of the consumer's processed_event log. */
@QuarkusTest
class InboxServiceTest {

    @Inject
    Dispatcher dispatcher;

    static TaskAssigned assigned(UUID taskId, String unit, String unitName, String role, LocalDate deadline) {
        return new TaskAssigned(TaskEvents.part(taskId, UUID.randomUUID(), unit, unitName, role, "编制政务公开年度报告",
                deadline), OffsetDateTime.now());
    }

    @Test
    void theUniqueKeyStoresAnEventOncePerUnitAndChannel() {
        String unit = TaskEvents.newUnit();
        String otherUnit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID();
        IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(), org.duban.events.task.TaskEvents.ASSIGNED.name(),
                "/duban/task-service", null, taskId.toString(), "{}");
        TaskAssigned data = assigned(taskId, unit, "珠海市司法局", "LEAD", LocalDate.of(2026, 12, 31));
        TaskAssigned sameEventOtherUnit = assigned(taskId, otherUnit, "香洲区政府", "RESPONSIBLE", null);

        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> dispatcher.dispatch(event, data)));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> dispatcher.dispatch(event, data)));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> dispatcher.dispatch(event, sameEventOtherUnit)));

        assertEquals(1, TaskEvents.inboxSize(unit));
        assertEquals(1, TaskEvents.inboxSize(otherUnit));
    }
}
