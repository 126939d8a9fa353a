package org.duban.notification.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is told of a task event: ONE table (issue 18), event type → the lines of who is told, why, with which
 * template. Pure. A type with an empty row is recorded as processed and nobody is told; a type with no row (one
 * added to the topic later) likewise. docs/events.md "Who is told" prints this table; {@code RoutingTest} checks
 * that every type of duban.task-events in the events module has a row and every template named exists.
 */
public final class Routing {
    private Routing() {
    }

    /** Why a unit is told; recorded with the notification. */
    public enum Reason {
        /** The unit owes the assignment the event is about. */
        ASSIGNEE,
        /** The supervising office must act (review a submission, a return, an extension request) or know. */
        SUPERVISOR,
        /** The supervising office, because the assignment is overdue beyond the escalation threshold. */
        ESCALATION
    }

    /** Who a line tells. */
    public enum Who {
        /** The assignment's unit ({@code task.unitCode} of the event). */
        ASSIGNMENT_UNIT,
        /** The supervising office ({@code duban.notification.supervisor-unit}). */
        SUPERVISING_OFFICE
    }

    /**
     * One line of a row: who is told, why, and the template ({@code templates/notifications/<template>.txt}).
     * An {@link Reason#ESCALATION} line applies only from {@code escalate-after-working-days} overdue on.
     */
    public record Line(Who who, Reason reason, String template) {
    }

    /** A unit to tell of one event, with the reason and the template. */
    public record Recipient(String unitCode, Reason reason, String template) {
    }

    /** The table, in the order of docs/events.md. */
    public static final Map<String, List<Line>> TABLE;

    static {
        Map<String, List<Line>> t = new LinkedHashMap<>();
        t.put("task.assigned", List.of(assignee("task-assigned")));
        t.put("task.accepted", List.of());
        t.put("task.progress-reported", List.of());
        t.put("task.submitted", List.of(supervisor("task-submitted")));
        t.put("task.completed", List.of(assignee("task-completed")));
        t.put("task.sent-back", List.of(assignee("task-sent-back")));
        t.put("task.returned", List.of(supervisor("task-returned")));
        t.put("task.extension-requested", List.of(supervisor("task-extension-requested")));
        t.put("task.extension-approved", List.of(assignee("task-extension-approved")));
        t.put("task.extension-rejected", List.of(assignee("task-extension-rejected")));
        t.put("task.urged", List.of(assignee("task-urged")));
        t.put("task.deadline-changed", List.of(assignee("task-deadline-changed")));
        t.put("task.cancelled", List.of(assignee("task-cancelled")));
        t.put("task.claimed", List.of(supervisor("task-claimed")));
        // the designated unit is told by its own task.assigned
        t.put("task.designated", List.of());
        t.put("task.deadline-approaching", List.of(assignee("task-deadline-approaching")));
        t.put("task.overdue", List.of(assignee("task-overdue"),
                new Line(Who.SUPERVISING_OFFICE, Reason.ESCALATION, "task-overdue-escalation")));
        // a reporting cycle's reminders (issue 19): the unit that owes the report
        t.put("task.report-due", List.of(assignee("task-report-due")));
        t.put("task.report-overdue", List.of(assignee("task-report-overdue")));
        t.put("plan.published", List.of());
        TABLE = java.util.Collections.unmodifiableMap(t);
    }

    private static Line assignee(String template) {
        return new Line(Who.ASSIGNMENT_UNIT, Reason.ASSIGNEE, template);
    }

    private static Line supervisor(String template) {
        return new Line(Who.SUPERVISING_OFFICE, Reason.SUPERVISOR, template);
    }

    /** Whether some unit may be told of {@code type}: only such events are read past the envelope. */
    public static boolean tellsAnyone(String type) {
        return type != null && !TABLE.getOrDefault(type, List.of()).isEmpty();
    }

    /**
     * @param type            the event type (ce_type)
     * @param unitCode        the assignment's unit
     * @param daysOverdue     working days overdue (task.overdue), else null
     * @param supervisorUnit  the supervising office's code
     * @param escalateAfter   overdue by this many working days or more also tells the supervisor
     * @return the units to tell, each once, in the table's order (empty: nobody)
     */
    public static List<Recipient> recipients(String type, String unitCode, Integer daysOverdue,
                                             String supervisorUnit, int escalateAfter) {
        List<Recipient> out = new ArrayList<>();
        if (type == null || unitCode == null || unitCode.isBlank()) {
            return out;
        }
        for (Line line : TABLE.getOrDefault(type, List.of())) {
            if (line.reason() == Reason.ESCALATION && (daysOverdue == null || daysOverdue < escalateAfter)) {
                continue;
            }
            String unit = line.who() == Who.ASSIGNMENT_UNIT ? unitCode : supervisorUnit;
            // a unit is told once per event: the supervising office's own overdue task is not escalated to itself
            if (unit != null && out.stream().noneMatch(o -> o.unitCode().equals(unit))) {
                out.add(new Recipient(unit, line.reason(), line.template()));
            }
        }
        return out;
    }
}
