package org.duban.notification.routing;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
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

    @Test
    void workingDaysAreMondayToFriday() {
        LocalDate thu = LocalDate.of(2026, 11, 26);
        assertEquals(1, WorkingDays.left(thu, thu.plusDays(1)));          // Friday
        assertEquals(2, WorkingDays.left(thu, thu.plusDays(4)));          // next Monday
        assertEquals(0, WorkingDays.left(thu, thu));
        assertEquals(-2, WorkingDays.left(thu.plusDays(4), thu));         // Monday, deadline last Thursday
    }

    @Test
    void workingDaysCountedByWeeksEqualTheDayByDayCount() {
        LocalDate start = LocalDate.of(2026, 11, 1);
        for (int a = 0; a < 21; a++) {
            for (int b = 0; b < 40; b++) {
                LocalDate from = start.plusDays(a);
                LocalDate to = start.plusDays(b);
                int expected = 0;
                for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                    expected += WorkingDays.isWorkingDay(d) ? 1 : 0;
                }
                assertEquals(expected, WorkingDays.between(from, to), from + ".." + to);
            }
        }
    }

    @Test
    void aDeadlineInTheFarFutureIsCountedAtOnce() {
        // day by day, this took hours: the consumer hung on one record and ignored SIGTERM (issue 13)
        LocalDate today = LocalDate.of(2026, 11, 26);
        int left = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> WorkingDays.left(today, LocalDate.of(999_999_999, 12, 31)));
        assertEquals(Integer.MAX_VALUE, left);
        assertEquals(2_080_081, WorkingDays.left(today, LocalDate.of(9999, 12, 31)));
    }
}
