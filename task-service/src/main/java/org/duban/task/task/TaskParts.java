package org.duban.task.task;

import org.duban.events.task.TaskPart;
import org.duban.common.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@link TaskPart} of the events of one write (issue 18: every task event can be read alone). What it needs
 * beyond the assignment and its task — the plan's 文号, unit names, working days to a deadline — it looks up at
 * most once per plan, unit and deadline for the whole write, so a publish of 451 assignments costs the same
 * handful of look-ups as one. Names the caller already holds are handed in ({@link #knowNames}). Not a bean; not
 * thread-safe; lives as long as its write.
 */
public final class TaskParts {

    private final LocalDate today;
    private final WorkingDays workingDays;
    private final TaskPlans plans;
    private final Map<UUID, String> documentNumbers = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<LocalDate, Integer> daysLeft = new HashMap<>();

    /** @param today the day of the write in Asia/Shanghai: working days are counted from it */
    public TaskParts(LocalDate today, WorkingDays workingDays, TaskPlans plans) {
        this.today = today;
        this.workingDays = workingDays;
        this.plans = plans;
    }

    /** Unit names the caller already read (code → name): not looked up again. */
    public TaskParts knowNames(Map<String, String> known) {
        names.putAll(known);
        return this;
    }

    /** One name the caller already holds (ignored when null). */
    public TaskParts knowName(String code, String name) {
        if (code != null && name != null) {
            names.put(code, name);
        }
        return this;
    }

    /** The task part of an event about {@code a}, as it stands now (its deadline, open or closed). */
    public TaskPart of(Assignment a) {
        Task t = a.task;
        name(t.leadUnitCode, a.unitCode);
        boolean open = !Lifecycle.isClosed(a.state);
        Integer left = open && a.deadline != null
                ? daysLeft.computeIfAbsent(a.deadline, d -> workingDays.workingDaysBetween(today, d)) : null;
        return new TaskPart(t.id, a.id, t.title, t.planId, documentNumber(t.planId), t.leadUnitCode,
                names.getOrDefault(t.leadUnitCode, t.leadUnitCode), a.unitCode, names.getOrDefault(a.unitCode, a.unitCode),
                TaskPart.Role.valueOf(a.role.name()), a.deadline, left);
    }

    /** Looks up, in one query, those of the codes not known yet. */
    private void name(String... codes) {
        List<String> missing = new ArrayList<>();
        for (String c : codes) {
            if (c != null && !names.containsKey(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, String> found = Units.names(missing);
            missing.forEach(c -> names.put(c, found.getOrDefault(c, c)));
        }
    }

    private String documentNumber(UUID planId) {
        if (planId == null) {
            return null;
        }
        return documentNumbers.computeIfAbsent(planId,
                id -> java.util.Optional.ofNullable(plans.of(id)).map(TaskPlans.Facts::documentNumber).orElse(null));
    }
}
