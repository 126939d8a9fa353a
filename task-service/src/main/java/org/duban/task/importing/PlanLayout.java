package org.duban.task.importing;

import java.util.List;

/**
 * A plan document reduced to what the readers agree on, whatever the format (plain text, .docx):
 * the notice's lines, the task table's header and its rows of cells, each with its line number.
 */
record PlanLayout(List<Line> notice, Row header, List<Row> rows) {

    record Line(int number, String text) {
    }

    /**
     * A row of cells. {@code header} marks the header of a further table (附件2 with other columns)
     * met inside the rows: the rows after it are read by its columns.
     */
    record Row(int line, List<String> cells, boolean header) {
        Row(int line, List<String> cells) {
            this(line, cells, false);
        }

        boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }
}
