package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What every task event carries about the task and the assignment it is about, so that the event can be read
 * alone: a consumer never needs an earlier event, nor a look-up, to name the task, its plan, its lead unit or the
 * unit it concerns. Every member is always present in the JSON; those that may be null say so.
 *
 * @param taskId          the task
 * @param assignmentId    the assignment (task × unit) the event is about
 * @param title           the task's text
 * @param planId          the plan the task belongs to; null for a task outside a plan
 * @param documentNumber  the plan's 文号 (珠府办〔2020〕9号); null outside a plan
 * @param leadUnitCode    the task's lead unit (牵头单位); null when the task has none (its units come from group
 *                        phrases such as 各区政府（管委会）, each of them responsible)
 * @param leadUnitName    its full name; null with it
 * @param unitCode        the assignment's unit: the unit that owes the task
 * @param unitName        its full name
 * @param role            the assignment's role
 * @param deadline        the assignment's deadline (due at the end of that day, Asia/Shanghai); null: none (长期坚持)
 * @param workingDaysLeft working days after the day of the event up to and including the deadline, on
 *                        task-service's working-day calendar (法定节假日 and 调休 included); negative: working days
 *                        overdue; null where it does not apply (no deadline, or the assignment is closed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskPart(UUID taskId, UUID assignmentId, String title, UUID planId, String documentNumber,
                       String leadUnitCode, String leadUnitName, String unitCode, String unitName, Role role,
                       LocalDate deadline, Integer workingDaysLeft) {

    /** 牵头 or 责任: the first unit of a task leads. */
    public enum Role { LEAD, RESPONSIBLE }

    /** The members that are never null (the JSON Schema's {@code required} non-null members; checked by its test). */
    public static final List<String> NOT_NULL = List.of("taskId", "assignmentId", "title", "unitCode", "unitName",
            "role");

    /** The first member of {@link #NOT_NULL} that is null or blank here; null if none. */
    public String missing() {
        if (taskId == null) {
            return "taskId";
        }
        if (assignmentId == null) {
            return "assignmentId";
        }
        if (blank(title)) {
            return "title";
        }
        if (blank(unitCode)) {
            return "unitCode";
        }
        if (blank(unitName)) {
            return "unitName";
        }
        if (role == null) {
            return "role";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
