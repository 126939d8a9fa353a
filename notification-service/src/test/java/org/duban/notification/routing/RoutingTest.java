package org.duban.notification.routing;

import org.duban.events.EventCatalog;
import org.duban.events.task.TaskEvents;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.duban.notification.routing.Routing.Reason.ASSIGNEE;
import static org.duban.notification.routing.Routing.Reason.ESCALATION;
import static org.duban.notification.routing.Routing.Reason.SUPERVISOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingTest {

    private static List<Routing.Recipient> to(String type, String unit, Integer overdue) {
        return Routing.recipients(type, unit, overdue, "szfb", 3);
    }

    private static Routing.Recipient r(String unit, Routing.Reason reason, String template) {
        return new Routing.Recipient(unit, reason, template);
    }

    @Test
    void everyTypeOfTheTaskEventsTopicHasARowAndEveryRowIsAType() {
        Set<String> types = new TreeSet<>();
        EventCatalog.onTopic(TaskEvents.TOPIC).forEach(t -> types.add(t.name()));
        assertEquals(types, new TreeSet<>(Routing.TABLE.keySet()));
    }

    @Test
    void everyTemplateTheTableNamesExists() {
        Routing.TABLE.forEach((type, lines) -> lines.forEach(line -> assertNotNull(
                getClass().getClassLoader().getResource("templates/notifications/" + line.template() + ".txt"),
                type + " → " + line.template())));
    }

    @Test
    void theTableAsDocumented() {
        // docs/events.md "Who is told", row by row: (type, who, reason, template); the rest tell nobody
        List<String> expected = List.of(
                "task.assigned ASSIGNMENT_UNIT ASSIGNEE task-assigned",
                "task.submitted SUPERVISING_OFFICE SUPERVISOR task-submitted",
                "task.completed ASSIGNMENT_UNIT ASSIGNEE task-completed",
                "task.sent-back ASSIGNMENT_UNIT ASSIGNEE task-sent-back",
                "task.returned SUPERVISING_OFFICE SUPERVISOR task-returned",
                "task.extension-requested SUPERVISING_OFFICE SUPERVISOR task-extension-requested",
                "task.extension-approved ASSIGNMENT_UNIT ASSIGNEE task-extension-approved",
                "task.extension-rejected ASSIGNMENT_UNIT ASSIGNEE task-extension-rejected",
                "task.urged ASSIGNMENT_UNIT ASSIGNEE task-urged",
                "task.deadline-changed ASSIGNMENT_UNIT ASSIGNEE task-deadline-changed",
                "task.cancelled ASSIGNMENT_UNIT ASSIGNEE task-cancelled",
                "task.claimed SUPERVISING_OFFICE SUPERVISOR task-claimed",
                "task.deadline-approaching ASSIGNMENT_UNIT ASSIGNEE task-deadline-approaching",
                "task.overdue ASSIGNMENT_UNIT ASSIGNEE task-overdue",
                "task.overdue SUPERVISING_OFFICE ESCALATION task-overdue-escalation",
                "task.report-due ASSIGNMENT_UNIT ASSIGNEE task-report-due",
                "task.report-overdue ASSIGNMENT_UNIT ASSIGNEE task-report-overdue");
        List<String> actual = new ArrayList<>();
        Routing.TABLE.forEach((type, lines) -> lines.forEach(l ->
                actual.add(type + " " + l.who() + " " + l.reason() + " " + l.template())));
        assertEquals(expected, actual);
        for (String nobody : List.of("task.accepted", "task.progress-reported", "task.designated", "plan.published")) {
            assertTrue(Routing.TABLE.get(nobody).isEmpty(), nobody);
            assertFalse(Routing.tellsAnyone(nobody), nobody);
        }
    }

    @Test
    void theAssignmentsUnitIsToldOfAssignmentsRemindersAndUrges() {
        for (String t : List.of("task.assigned", "task.urged", "task.deadline-approaching", "task.sent-back",
                "task.extension-approved", "task.extension-rejected", "task.deadline-changed", "task.cancelled",
                "task.completed", "task.report-due", "task.report-overdue")) {
            assertEquals(List.of(r("sfj", ASSIGNEE, t.replace('.', '-'))), to(t, "sfj", null), t);
        }
    }

    @Test
    void theSupervisingOfficeIsToldOfSubmissionsReturnsExtensionRequestsAndClaims() {
        for (String t : List.of("task.submitted", "task.returned", "task.extension-requested", "task.claimed")) {
            assertEquals(List.of(r("szfb", SUPERVISOR, t.replace('.', '-'))), to(t, "sfj", null), t);
        }
    }

    @Test
    void overdueIsEscalatedFromTheThresholdOn() {
        assertEquals(List.of(r("sfj", ASSIGNEE, "task-overdue")), to("task.overdue", "sfj", 2));
        assertEquals(List.of(r("sfj", ASSIGNEE, "task-overdue"), r("szfb", ESCALATION, "task-overdue-escalation")),
                to("task.overdue", "sfj", 3));
        assertEquals(List.of(r("sfj", ASSIGNEE, "task-overdue")), to("task.overdue", "sfj", null));
    }

    @Test
    void aLateReportIsNotEscalatedWhateverTheDays() {
        // the escalation threshold is about the task's deadline (task.overdue), not a period's report
        assertEquals(List.of(r("sfj", ASSIGNEE, "task-report-overdue")), to("task.report-overdue", "sfj", 10));
    }

    @Test
    void theSupervisingOfficeIsToldOnceOfItsOwnOverdueTask() {
        assertEquals(List.of(r("szfb", ASSIGNEE, "task-overdue")), to("task.overdue", "szfb", 10));
    }

    @Test
    void nobodyIsToldOfAcceptanceProgressPlansOrUnknownTypes() {
        for (String t : List.of("task.accepted", "task.progress-reported", "plan.published", "task.whatever")) {
            assertTrue(to(t, "sfj", null).isEmpty(), t);
        }
        assertFalse(Routing.tellsAnyone("task.whatever"));
        assertFalse(Routing.tellsAnyone(null));
        assertTrue(to("task.assigned", null, null).isEmpty());
    }
}
