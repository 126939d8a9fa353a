package org.duban.task.deadline;

import org.duban.common.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a deadline phrase is read against: the plan's year (phrases without a year mean it), the
 * day the plan was issued (印发, for "本方案印发后30个工作日内"; null when not known yet), the
 * plan's default deadline (a task without a phrase takes it) and the working-day calendar.
 */
public record DeadlineContext(int planYear, LocalDate issuedOn, LocalDate defaultDeadline, WorkingDays workingDays) {

    public DeadlineContext {
        Objects.requireNonNull(defaultDeadline, "defaultDeadline");
    }

    /** The usual context: the default deadline is the end of the plan's year. */
    public static DeadlineContext of(int planYear, LocalDate issuedOn, WorkingDays workingDays) {
        return new DeadlineContext(planYear, issuedOn, LocalDate.of(planYear, 12, 31), workingDays);
    }
}
