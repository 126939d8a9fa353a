package org.duban.task.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.duban.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A reporting cycle (报送周期, 定期报送): when a unit owes a progress report (进展报送) on its assignment.
 * Set on a plan (its tasks inherit it) or on one task (which then overrides the plan's). Stored as JSON
 * on the plan and the task; the periods and their due dates are computed by ReportPeriods (report).
 * The bounds are checked by {@link #check(String)}; every one is tested at its edge.
 */
@Schema(name = "ReportCycle", description = "报送周期: when progress reports are due. frequency MONTHLY, QUARTERLY, "
        + "HALF_YEARLY or YEARLY with a due rule (END: by the period's last day, 每季度末前; DAY_AFTER n: by day n of the "
        + "month after the period, 每月5日前 = MONTHLY DAY_AFTER 5; WORKING_DAY_AFTER n: by the n-th working day after "
        + "the period, 季度结束后5个工作日内 = QUARTERLY WORKING_DAY_AFTER 5, 每月第3个工作日前 = MONTHLY WORKING_DAY_AFTER 3); "
        + "or frequency DATES with explicit due dates. A due date on a holiday or weekend moves to the next working day.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportCycle(
        @Schema(examples = "QUARTERLY") Frequency frequency,
        @Schema(description = "Not for DATES; default END", examples = "END") DueRule due,
        @Schema(description = "DAY_AFTER: 1-28; WORKING_DAY_AFTER: 1-30; not for END or DATES", examples = "5") Integer n,
        @Schema(description = "DATES only: 1-24 due dates, ascending, distinct", examples = "[\"2025-06-30\", \"2025-12-15\"]")
        List<LocalDate> dates,
        @Schema(description = "Working days before the due date on which the unit is reminded (0-20, 0 = no reminder); default 3",
                examples = "3") Integer remindDaysBefore,
        @Schema(description = "First day of the first period; default 1 January of the plan's year (the task's deadline year "
                + "or this year for a standalone task)", examples = "2025-01-01") LocalDate from,
        @Schema(description = "Last day of the last period; default 31 December of that year", examples = "2025-12-31")
        LocalDate to) {

    public enum Frequency { MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY, DATES }

    public enum DueRule { END, DAY_AFTER, WORKING_DAY_AFTER }

    /** At most this many due dates for DATES. */
    public static final int MAX_DATES = 24;
    /** At most this many periods in a cycle (five years of months). */
    public static final int MAX_PERIODS = 60;
    public static final int MAX_DAY_AFTER = 28;
    public static final int MAX_WORKING_DAY_AFTER = 30;
    public static final int MAX_REMIND_DAYS = 20;
    public static final int DEFAULT_REMIND_DAYS = 3;

    public DueRule dueRule() {
        return due == null ? DueRule.END : due;
    }

    public int remindDays() {
        return remindDaysBefore == null ? DEFAULT_REMIND_DAYS : remindDaysBefore;
    }

    /** The same cycle with its range filled in from the defaults, as stored. */
    public ReportCycle withRange(int year) {
        return new ReportCycle(frequency, frequency == Frequency.DATES ? null : dueRule(), n,
                dates == null ? null : List.copyOf(dates), remindDays(),
                from != null ? from : LocalDate.of(year, 1, 1), to != null ? to : LocalDate.of(year, 12, 31));
    }

    /** The violations of the bounds, each with its field under {@code path}; empty when valid. */
    public List<Problem.FieldError> check(String path) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (frequency == null) {
            errors.add(Problem.FieldError.of(path + ".frequency", "required: MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY or DATES"));
            return errors;
        }
        if (remindDaysBefore != null && (remindDaysBefore < 0 || remindDaysBefore > MAX_REMIND_DAYS)) {
            errors.add(new Problem.FieldError(path + ".remindDaysBefore", "must be between 0 and " + MAX_REMIND_DAYS,
                    remindDaysBefore));
        }
        if (frequency == Frequency.DATES) {
            if (due != null) {
                errors.add(new Problem.FieldError(path + ".due", "not for DATES: the dates are the due dates", due));
            }
            if (n != null) {
                errors.add(new Problem.FieldError(path + ".n", "not for DATES", n));
            }
            if (from != null || to != null) {
                errors.add(Problem.FieldError.of(path + ".from", "not for DATES: the dates are the periods"));
            }
            if (dates == null || dates.isEmpty()) {
                errors.add(Problem.FieldError.of(path + ".dates", "DATES needs 1 to " + MAX_DATES + " dates"));
            } else if (dates.size() > MAX_DATES) {
                errors.add(new Problem.FieldError(path + ".dates", "at most " + MAX_DATES + " dates", dates.size()));
            } else {
                for (int i = 0; i < dates.size(); i++) {
                    if (dates.get(i) == null) {
                        errors.add(Problem.FieldError.of(path + ".dates[" + i + "]", "must not be null"));
                    } else if (i > 0 && dates.get(i - 1) != null && !dates.get(i).isAfter(dates.get(i - 1))) {
                        errors.add(new Problem.FieldError(path + ".dates[" + i + "]", "dates must be ascending and distinct",
                                dates.get(i).toString()));
                    }
                }
            }
            return errors;
        }
        if (dates != null) {
            errors.add(Problem.FieldError.of(path + ".dates", "only for frequency DATES"));
        }
        DueRule rule = dueRule();
        switch (rule) {
            case END -> {
                if (n != null) {
                    errors.add(new Problem.FieldError(path + ".n", "not for due END", n));
                }
            }
            case DAY_AFTER -> {
                if (n == null || n < 1 || n > MAX_DAY_AFTER) {
                    errors.add(new Problem.FieldError(path + ".n", "DAY_AFTER needs a day of the month between 1 and "
                            + MAX_DAY_AFTER, n));
                }
            }
            case WORKING_DAY_AFTER -> {
                if (n == null || n < 1 || n > MAX_WORKING_DAY_AFTER) {
                    errors.add(new Problem.FieldError(path + ".n", "WORKING_DAY_AFTER needs a number of working days "
                            + "between 1 and " + MAX_WORKING_DAY_AFTER, n));
                }
            }
        }
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                errors.add(new Problem.FieldError(path + ".to", "must not be before from", to.toString()));
            } else if (periodsBetween(frequency, from, to) > MAX_PERIODS) {
                errors.add(new Problem.FieldError(path + ".to", "at most " + MAX_PERIODS + " periods in a cycle",
                        to.toString()));
            }
        } else if (from != null || to != null) {
            errors.add(Problem.FieldError.of(path + (from == null ? ".from" : ".to"), "give both from and to, or neither"));
        }
        return errors;
    }

    /** How many periods of {@code f} start within from..to (the first starts on from). */
    static long periodsBetween(Frequency f, LocalDate from, LocalDate to) {
        long months = ChronoUnit.MONTHS.between(from.withDayOfMonth(1), to.withDayOfMonth(1)) + 1;
        int len = months(f);
        return (months + len - 1) / len;
    }

    /** The months of one period of {@code f} (a DATES cycle counts in months too). */
    public static int months(Frequency f) {
        return switch (f) {
            case MONTHLY -> 1;
            case QUARTERLY -> 3;
            case HALF_YEARLY -> 6;
            case YEARLY -> 12;
            case DATES -> 1;
        };
    }
}
