package org.duban.task.importing;

import java.util.List;

/**
 * A plan document reduced to what the readers agree on, whatever the format (plain text, .docx):
 * the notice's lines, the task table's header and its rows of cells, each with its line number.
 */
record PlanLayout(List<Line> notice, Row header, List<Row> rows) {

    record Line(int number, String text) {
    }

    record Row(int line, List<String> cells) {
        boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }
}
