package org.duban.task.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text layouts against the corpus of real plans (../corpus/plans/*, those published as text):
 * each expected task must come out of {@link PlainTextPlanReader#layout} as one row holding its
 * text, its unit phrase (or, for "牵头单位：X；责任单位：Y", the cells X and Y) and its deadline —
 * what the structure needs to see the task through. One line per document, then the total.
 * The layer above, tasks and resolution, is measured by PlanCorpusTest.
 */
class TextLayoutCorpusTest {

    private static final Path PLANS = Path.of("../corpus/plans");
    private static final Pattern LEADING_NUMBER = Pattern.compile(
            "^([(（][0-9一二三四五六七八九十]{1,3}[)）]|[0-9]{1,3}[.、]|[一二三四五六七八九十]{1,3}、)");
    private static final Pattern COMPOSED = Pattern.compile("^牵头单位[:：](.*)[;；]责任单位[:：](.*)$");

    static String norm(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }

    static String text(String s) {
        return LEADING_NUMBER.matcher(norm(s)).replaceFirst("");
    }

    @Test
    void everyExpectedTaskOfATextDocumentIsOneRowWithItsUnitsAndDeadline() throws IOException {
        assertTrue(Files.isDirectory(PLANS), "the corpus is missing: " + PLANS.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        int expected = 0;
        int right = 0;
        List<String> failures = new ArrayList<>();
        List<Path> docs;
        try (Stream<Path> s = Files.list(PLANS)) {
            docs = s.filter(d -> Files.exists(d.resolve("source.txt")) && Files.exists(d.resolve("expected.json"))).sorted().toList();
        }
        assertTrue(docs.size() >= 5, "too few text documents in the corpus: " + docs.size());
        for (Path doc : docs) {
            PlanLayout layout;
            try {
                layout = PlainTextPlanReader.layout(Files.readString(doc.resolve("source.txt"), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                failures.add(doc.getFileName() + " threw " + e);
                continue;
            }
            JsonNode tasks = json.readTree(doc.resolve("expected.json").toFile()).path("tasks");
            int found = 0;
            for (JsonNode t : tasks) {
                if (seen(layout, t.path("text").asText(), t.path("units").asText(null),
                        t.path("deadline").isNull() ? null : t.path("deadline").asText(null))) {
                    found++;
                } else {
                    failures.add(doc.getFileName() + ": " + t.path("text").asText().substring(0, Math.min(20, t.path("text").asText().length())));
                }
            }
            System.out.printf("%-42s %-36s tasks %3d in rows %3d%n", doc.getFileName(),
                    layout.header() == null ? "(no header)" : String.join("|", layout.header().cells()), tasks.size(), found);
            expected += tasks.size();
            right += found;
        }
        System.out.printf("TOTAL %d documents, %d tasks, %d in rows (%.1f %%)%n", docs.size(), expected, right,
                expected == 0 ? 0.0 : 100.0 * right / expected);
        assertTrue(failures.stream().noneMatch(f -> f.contains(" threw ")), failures.toString());
        assertTrue(right * 100 >= expected * 95, right + " of " + expected + " tasks in rows; missing: " + failures);
    }

    private static boolean seen(PlanLayout layout, String text, String units, String deadline) {
        String want = text(text);
        for (PlanLayout.Row row : layout.rows()) {
            List<String> cells = row.cells().stream().map(TextLayoutCorpusTest::norm).toList();
            if (cells.stream().noneMatch(c -> !c.isEmpty() && text(c).equals(want))) {
                continue;
            }
            String u = norm(units);
            Matcher m = u == null ? null : COMPOSED.matcher(u);
            boolean unitsOk = u == null || cells.contains(u)
                    || (m.matches() && cells.contains(m.group(1)) && cells.contains(m.group(2)));
            boolean deadlineOk = deadline == null || cells.contains(norm(deadline));
            return unitsOk && deadlineOk;
        }
        return false;
    }
}
