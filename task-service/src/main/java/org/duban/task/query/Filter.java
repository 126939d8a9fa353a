package org.duban.task.query;

import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.time.DateRange;
import org.duban.task.task.Assignment;
import org.duban.task.task.StatusLight;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The filters of the task and assignment lists, parsed from query parameters (a bad value is a 400 naming it).
 * {@code readableUnits} is not a query parameter: it narrows a list to the units the caller may read
 * ({@code null}: all units; empty: none), see {@link #within}.
 */
public record Filter(UUID plan, UUID section, UUID workItem, String unit, Assignment.Role role, Assignment.State state,
                     StatusLight light, LocalDate dueBefore, LocalDate dueAfter, String q, String tag, boolean openOnly,
                     Set<String> readableUnits) {

    public static Filter parse(String plan, String section, String workItem, String unit, String role, String state,
                               String light, String dueBefore, String dueAfter, String q, String tag) {
        return new Filter(uuid("plan", plan), uuid("section", section), uuid("workItem", workItem), blankToNull(unit),
                enumOf("role", role, Assignment.Role.class), enumOf("state", state, Assignment.State.class),
                enumOf("light", light, StatusLight.class), date("dueBefore", dueBefore), date("dueAfter", dueAfter),
                blankToNull(q), blankToNull(tag), false, null);
    }

    public Filter onlyOpen() {
        return new Filter(plan, section, workItem, unit, role, state, light, dueBefore, dueAfter, q, tag, true, readableUnits);
    }

    /** This filter limited to assignments of {@code units} ({@code null}: no limit). */
    public Filter within(Set<String> units) {
        return new Filter(plan, section, workItem, unit, role, state, light, dueBefore, dueAfter, q, tag, openOnly,
                units == null ? null : Set.copyOf(units));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static ProblemException bad(String field, String message, String value) {
        return new ProblemException(ProblemType.VALIDATION, "Query parameter '" + field + "' is invalid",
                List.of(new Problem.FieldError(field, message, value)));
    }

    private static UUID uuid(String field, String v) {
        if (blankToNull(v) == null) {
            return null;
        }
        try {
            return UUID.fromString(v.strip());
        } catch (IllegalArgumentException e) {
            throw bad(field, "not a UUID", v);
        }
    }

    private static LocalDate date(String field, String v) {
        return DateRange.parameter(field, v);
    }

    private static <E extends Enum<E>> E enumOf(String field, String v, Class<E> type) {
        if (blankToNull(v) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw bad(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()), v);
        }
    }
}
