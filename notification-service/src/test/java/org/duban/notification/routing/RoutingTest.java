package org.duban.notification.routing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.duban.notification.routing.Routing.Reason.ASSIGNEE;
import static org.duban.notification.routing.Routing.Reason.ESCALATION;
import static org.duban.notification.routing.Routing.Reason.SUPERVISOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingTest {

    private static List<Routing.Recipient> to(String type, String unit, Integer overdue) {
        return Routing.recipients(type, unit, overdue, "szfb", 3);
    }

    @Test
    void theAssignmentsUnitIsToldOfAssignmentsRemindersAndUrges() {
        for (String t : List.of("task.assigned", "task.urged", "task.deadline-approaching", "task.sent-back",
                "task.extension-approved", "task.extension-rejected", "task.deadline-changed", "task.cancelled",
                "task.completed")) {
            assertEquals(List.of(new Routing.Recipient("sfj", ASSIGNEE)), to(t, "sfj", null), t);
        }
    }

    @Test
    void theSupervisingOfficeIsToldOfSubmissionsReturnsAndExtensionRequests() {
        for (String t : List.of("task.submitted", "task.returned", "task.extension-requested")) {
            assertEquals(List.of(new Routing.Recipient("szfb", SUPERVISOR)), to(t, "sfj", null), t);
        }
    }

    @Test
    void overdueIsEscalatedFromTheThresholdOn() {
        assertEquals(List.of(new Routing.Recipient("sfj", ASSIGNEE)), to("task.overdue", "sfj", 2));
        assertEquals(List.of(new Routing.Recipient("sfj", ASSIGNEE), new Routing.Recipient("szfb", ESCALATION)),
                to("task.overdue", "sfj", 3));
    }

    @Test
    void theSupervisingOfficeIsToldOnceOfItsOwnOverdueTask() {
        assertEquals(List.of(new Routing.Recipient("szfb", ASSIGNEE)), to("task.overdue", "szfb", 10));
    }

    @Test
    void nobodyIsToldOfAcceptanceProgressPlansOrUnknownTypes() {
        for (String t : List.of("task.accepted", "task.progress-reported", "plan.published", "task.whatever")) {
            assertTrue(to(t, "sfj", null).isEmpty(), t);
        }
        assertTrue(to("task.assigned", null, null).isEmpty());
    }
}
