package org.duban.task.importing;

import java.time.LocalDate;
import java.util.List;

/**
 * A plan document as read, before anything is resolved or stored: the notice's metadata, the
 * sections (一、), work items (（一）) and tasks of its table, and every problem found, by line.
 */
public record ParsedPlan(Metadata metadata, List<Section> sections, List<Problem> problems, int cityLine) {

    /**
     * {@code cityLine}: the line where the plan's city ({@link Metadata#city()}) was read, for a problem about it;
     * kept out of the metadata, which is the same whatever the form of the document.
     */
    public ParsedPlan(Metadata metadata, List<Section> sections, List<Problem> problems) {
        this(metadata, sections, problems, 1);
    }

    public int workItemCount() {
        return sections.stream().mapToInt(s -> s.workItems().size()).sum();
    }

    public int taskCount() {
        return sections.stream().flatMap(s -> s.workItems().stream()).mapToInt(w -> w.tasks().size()).sum();
    }

    /**
     * What the notice says about the plan. Any field may be null when the document lacks it. {@code year}: from
     * the title, notice title or document number, else the issue date's year (never today's). {@code city}: the
     * place the plan is of, as the issuer or title name it ("潍坊市", "济南市钢城区").
     */
    public record Metadata(String documentNumber, String noticeTitle, String title, String issuer,
                           LocalDate issueDate, Integer year, List<String> basisDocuments, List<String> addressees,
                           String city) {
    }

    /** 一、… */
    public record Section(int ordinal, String numbering, String title, int line, List<WorkItem> workItems) {
    }

    /** （一）… — a section without work items gets one untitled work item holding its tasks. */
    public record WorkItem(int ordinal, String numbering, String title, int line, List<Task> tasks) {
    }

    /**
     * One row's task: its text and the unit phrase of the 责任单位 column, verbatim; the text of a
     * 完成时限 column if the table has one; remarks such as （见附件） taken out of the text.
     */
    public record Task(int ordinal, String text, String unitPhrase, String deadlineText, String remark, int line) {
    }

    public record Problem(int line, Kind kind, String message) {
        public enum Kind {
            /** no recognisable task table */
            NO_TASK_TABLE,
            /** a task row with an empty unit column */
            TASK_WITHOUT_UNITS,
            /** 一、二、四 or （一）（三）: a number skipped or repeated */
            BROKEN_NUMBERING,
            /** a row that belongs to no section or cannot be read as heading or task */
            UNPLACED_ROW,
            /** the last row is cut off mid-sentence (no units, no closing punctuation): not taken as a task */
            TRUNCATED_TASK,
            /** neither the title, the document number nor the issue date gives the plan's year */
            YEAR_MISSING
        }
    }
}
