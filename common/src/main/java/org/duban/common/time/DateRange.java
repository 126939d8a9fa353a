package org.duban.common.time;

import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The dates a caller may send: {@value #FIRST_TEXT} to {@value #LAST_TEXT}, inclusive. A plan,
 * a deadline, a filter or a calendar day outside it is a mistake (a typo'd year), and the far
 * ends of {@link LocalDate} break what follows: reminders past the year 9999, day counts over a
 * billion years, dates the database cannot store. Bodies are checked by {@code StrictJsonBodies},
 * parameters by {@link #parameter}; the range is in docs/security.md ("Input limits").
 */
public final class DateRange {

    public static final String FIRST_TEXT = "2000-01-01";
    public static final String LAST_TEXT = "2100-12-31";
    public static final LocalDate FIRST = LocalDate.parse(FIRST_TEXT);
    public static final LocalDate LAST = LocalDate.parse(LAST_TEXT);
    /** What a refused date is told. */
    public static final String MESSAGE = "must be a date from " + FIRST_TEXT + " to " + LAST_TEXT;

    private DateRange() {
    }

    public static boolean contains(LocalDate d) {
        return !d.isBefore(FIRST) && !d.isAfter(LAST);
    }

    public static boolean containsYear(int year) {
        return year >= FIRST.getYear() && year <= LAST.getYear();
    }

    /**
     * A date query or path parameter ({@code yyyy-MM-dd}); null when absent or blank.
     * @throws ProblemException 400 validation naming {@code name} when it is not a date or outside the range
     */
    public static LocalDate parameter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name, "not a date (yyyy-MM-dd)", value);
        }
        if (!contains(d)) {
            throw invalid(name, MESSAGE, value);
        }
        return d;
    }

    /** As {@link #parameter}, but an absent parameter is a 400 too. */
    public static LocalDate requiredParameter(String name, String value) {
        LocalDate d = parameter(name, value);
        if (d == null) {
            throw new ProblemException(ProblemType.VALIDATION, "Parameter '" + name + "' is required (yyyy-MM-dd)",
                    List.of(Problem.FieldError.of(name, "required")));
        }
        return d;
    }

    /** A year parameter (a calendar year): one of the years of the range. */
    public static int yearParameter(String name, int year) {
        if (!containsYear(year)) {
            throw invalid(name, "must be a year from " + FIRST.getYear() + " to " + LAST.getYear(), year);
        }
        return year;
    }

    private static ProblemException invalid(String name, String message, Object value) {
        return new ProblemException(ProblemType.VALIDATION, "Parameter '" + name + "' is invalid: " + message,
                List.of(new Problem.FieldError(name, message, value)));
    }
}
