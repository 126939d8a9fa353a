package org.duban.registry.resolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the 牵头及责任单位 cell of every task row of the seed plan. The document is the notice
 * followed by the table exported row by row: a row's cells are consecutive lines that start with a
 * TAB; a task row has three cells (work item, task, units), the work item cell empty on a
 * continuation row.
 */
final class SeedPlan {
    private SeedPlan() {
    }

    static final Path FILE = Path.of("../seed/zhuhai-2020-openness-plan.txt");

    static List<String> unitPhrases() {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("\t")) {
                row.add(line.substring(1).trim());
            } else if (!row.isEmpty()) {
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        List<String> phrases = new ArrayList<>();
        for (List<String> r : rows) {
            boolean taskRow = r.size() == 3 && (r.get(0).isEmpty() || r.get(0).startsWith("（"));
            if (taskRow) {
                phrases.add(r.get(2));
            }
        }
        return phrases;
    }
}
