package org.duban.task.deadline;

import java.time.LocalDate;

/**
 * The deadline read from a task's text.
 *
 * @param kind       what was found
 * @param date       the deadline (due at the end of that day, Asia/Shanghai); null for
 *                   {@link Kind#ONGOING} and {@link Kind#UNRESOLVED}
 * @param phrase     the phrase as written in the text (null for {@link Kind#PLAN_DEFAULT})
 * @param start      the phrase's position in the text (-1 when none)
 * @param end        the position after the phrase (-1 when none)
 * @param derivation how the date was derived, for the task to say so
 */
public record ParsedDeadline(Kind kind, LocalDate date, String phrase, int start, int end, String derivation) {

    public enum Kind {
        /** A phrase gave a date. */
        DATE,
        /** No phrase: the plan's default deadline applies, and the task says so. */
        PLAN_DEFAULT,
        /** 长期坚持 / 持续推进: no deadline, periodic progress reports instead. */
        ONGOING,
        /** A relative phrase (印发后N个工作日内) that needs the plan's issue date, which is not known yet. */
        UNRESOLVED
    }

    public boolean hasDeadline() {
        return date != null;
    }
}
