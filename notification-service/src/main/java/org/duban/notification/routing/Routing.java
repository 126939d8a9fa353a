package org.duban.notification.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who is told of a task event. Pure: the event type, the assignment's unit and the supervising
 * office in, recipients out. The table is in docs/events.md ("Who is told").
 */
public final class Routing {
    private Routing() {
    }

    /** Why a unit is told; chooses the template. */
    public enum Reason {
        /** The unit owes the assignment the event is about. */
        ASSIGNEE,
        /** The supervising office must act (review a submission, a return, an extension request) or know. */
        SUPERVISOR,
        /** The supervising office, because the assignment is overdue beyond the escalation threshold. */
        ESCALATION
    }

    public record Recipient(String unitCode, Reason reason) {
    }

    /** Events the assignment's own unit is told of. */
    static final Set<String> TO_ASSIGNEE = Set.of(
            "task.assigned", "task.urged", "task.deadline-approaching", "task.overdue", "task.sent-back",
            "task.completed", "task.extension-approved", "task.extension-rejected", "task.deadline-changed",
            "task.cancelled");

    /** Events the supervising office is told of. */
    static final Set<String> TO_SUPERVISOR = Set.of(
            "task.submitted", "task.returned", "task.extension-requested", "task.claimed");

    /**
     * @param type            the event type (ce_type)
     * @param unitCode        the assignment's unit (may be null for events that are not about one)
     * @param daysOverdue     working days overdue (task.overdue), else null
     * @param supervisorUnit  the supervising office's code
     * @param escalateAfter   overdue by this many working days or more also tells the supervisor
     * @return the units to tell, each once, in a stable order (empty: nobody)
     */
    public static List<Recipient> recipients(String type, String unitCode, Integer daysOverdue,
                                             String supervisorUnit, int escalateAfter) {
        List<Recipient> out = new ArrayList<>();
        if (type == null || unitCode == null || unitCode.isBlank()) {
            return out;
        }
        if (TO_ASSIGNEE.contains(type)) {
            out.add(new Recipient(unitCode, Reason.ASSIGNEE));
        }
        if (TO_SUPERVISOR.contains(type)) {
            add(out, new Recipient(supervisorUnit, Reason.SUPERVISOR));
        }
        if ("task.overdue".equals(type) && daysOverdue != null && daysOverdue >= escalateAfter) {
            add(out, new Recipient(supervisorUnit, Reason.ESCALATION));
        }
        return out;
    }

    /** A unit is told once per event: the supervising office's own overdue task is not escalated to itself. */
    private static void add(List<Recipient> out, Recipient r) {
        if (r.unitCode() != null && out.stream().noneMatch(o -> o.unitCode().equals(r.unitCode()))) {
            out.add(r);
        }
    }
}
