package org.duban.task.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measure of the importer: every real plan of {@code ../corpus/plans/<id>/} is read with the reader of its
 * file's form and scored against its hand-written {@code expected.json}. A task is right when its text, its unit
 * phrase and its deadline phrase (NFKC, white space and the task's own leading number removed) match an expected
 * task's. Prints one line per document and a total line; the corpus is part of the repository, so a missing
 * corpus fails.
 */
class PlanCorpusTest {

    static final Path CORPUS = Path.of("../corpus/plans");
    static final ObjectMapper JSON = new ObjectMapper();

    record Score(String id, String form, int expected, int found, int right, boolean truncatedExpected,
                 boolean truncatedDetected, int problemsWithoutLine, String metadata, String error) {
        int extra() {
            return found - right;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-40s %-14s tasks %2d/%2d right, %2d found, %2d extra; truncated %s%s; "
                            + "problems without line %d; metadata %s%s", id, form, right, expected, found, extra(),
                    truncatedExpected ? "expected" : "not expected", truncatedExpected == truncatedDetected ? " ok" : " MISSED",
                    problemsWithoutLine, metadata, error == null ? "" : "; THREW " + error);
        }
    }

    @Test
    void theCorpusImportsAtLeast95PercentOfItsTasksRight() throws IOException {
        assertTrue(Files.isDirectory(CORPUS), "the corpus is missing: " + CORPUS.toAbsolutePath());
        List<Path> docs;
        try (Stream<Path> s = Files.list(CORPUS)) {
            docs = s.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().toList();
        }
        assertTrue(!docs.isEmpty(), "no document in " + CORPUS.toAbsolutePath());
        List<Score> scores = new ArrayList<>();
        for (Path d : docs) {
            scores.add(score(d));
        }
        scores.forEach(System.out::println);
        int expected = scores.stream().mapToInt(Score::expected).sum();
        int right = scores.stream().mapToInt(Score::right).sum();
        int found = scores.stream().mapToInt(Score::found).sum();
        long truncatedOk = scores.stream().filter(s -> s.truncatedExpected() == s.truncatedDetected()).count();
        int withoutLine = scores.stream().mapToInt(Score::problemsWithoutLine).sum();
        List<String> threw = scores.stream().filter(s -> s.error() != null).map(Score::id).toList();
        System.out.printf(Locale.ROOT, "TOTAL %d documents: tasks %d/%d right (%.1f %%), %d found, %d extra; truncation "
                        + "right in %d/%d; problems without line %d; threw %s%n", scores.size(), right, expected,
                expected == 0 ? 100.0 : 100.0 * right / expected, found, found - right, truncatedOk, scores.size(),
                withoutLine, threw);
        assertEquals(List.of(), threw, "documents whose import threw");
        assertEquals(0, withoutLine, "problems without a line number");
        assertTrue(right * 100 >= expected * 95, "tasks right: " + right + " of " + expected);
    }

    static Score score(Path dir) throws IOException {
        JsonNode meta = JSON.readTree(dir.resolve("meta.json").toFile());
        JsonNode exp = JSON.readTree(dir.resolve("expected.json").toFile());
        Path source = source(dir, meta);
        String form = meta.path("form").asText("?");
        List<JsonNode> want = new ArrayList<>();
        exp.path("tasks").forEach(want::add);
        boolean truncatedExpected = exp.path("truncatedLast").asBoolean(false);
        ParsedPlan plan;
        try {
            plan = read(source);
        } catch (Exception | StackOverflowError e) {
            return new Score(dir.getFileName().toString(), form, want.size(), 0, 0, truncatedExpected, false, 0, "-",
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<ParsedPlan.Task> got = plan.sections().stream().flatMap(s -> s.workItems().stream())
                .flatMap(w -> w.tasks().stream()).toList();
        List<JsonNode> open = new ArrayList<>(want);
        int right = 0;
        for (ParsedPlan.Task t : got) {
            for (int i = 0; i < open.size(); i++) {
                JsonNode e = open.get(i);
                if (norm(t.text(), true).equals(norm(e.path("text").asText(null), true))
                        && norm(t.unitPhrase(), false).equals(norm(e.path("units").asText(null), false))
                        && norm(t.deadlineText(), false).equals(norm(e.path("deadline").asText(null), false))) {
                    open.remove(i);
                    right++;
                    break;
                }
            }
        }
        if (Boolean.getBoolean("corpus.verbose")) { // -DargLine=-Dcorpus.verbose=true: every task and problem read
            for (ParsedPlan.Task t : got) {
                boolean known = want.stream().anyMatch(e -> norm(t.text(), true).equals(norm(e.path("text").asText(null), true)));
                System.out.println("  " + dir.getFileName() + " line " + t.line() + (known ? " = " : " ? ") + "[" + t.text()
                        + "] [" + t.unitPhrase() + "] [" + t.deadlineText() + "]");
            }
            plan.problems().forEach(p -> System.out.println("  " + dir.getFileName() + " " + p));
        }
        boolean truncatedDetected = plan.problems().stream().anyMatch(p -> p.kind() == ParsedPlan.Problem.Kind.TRUNCATED_TASK);
        int withoutLine = (int) plan.problems().stream().filter(p -> p.line() <= 0).count();
        return new Score(dir.getFileName().toString(), form, want.size(), got.size(), right, truncatedExpected,
                truncatedDetected, withoutLine, metadata(plan.metadata(), exp.path("metadata"), exp.path("city").asText(null)), null);
    }

    /** How many of number, title, issuer, date, year and city match, e.g. "4/6 (title, city)" naming the misses. */
    private static String metadata(ParsedPlan.Metadata m, JsonNode e, String city) {
        List<String> missed = new ArrayList<>();
        check("number", m.documentNumber(), e.path("documentNumber").asText(null), missed);
        // the expected title is the plan's, or the notice's where the plan has none of its own
        String title = e.path("title").asText(null);
        check("title", title != null && title.equals(m.noticeTitle()) ? m.noticeTitle() : m.title(), title, missed);
        check("issuer", m.issuer(), e.path("issuer").asText(null), missed);
        check("date", m.issueDate() == null ? null : m.issueDate().toString(), e.path("issueDate").asText(null), missed);
        check("year", m.year() == null ? null : m.year().toString(), e.path("year").isNull() ? null : e.path("year").asText(null), missed);
        check("city", m.city(), city, missed);
        return (6 - missed.size()) + "/6" + (missed.isEmpty() ? "" : " (" + String.join(", ", missed) + ")");
    }

    private static void check(String what, String got, String want, List<String> missed) {
        // a city is right when the plan's place names it (济南市钢城区 for 济南市); the rest must be equal
        boolean ok = "city".equals(what) && got != null && want != null
                ? got.contains(want) || want.contains(got) : norm(got, false).equals(norm(want, false));
        if (!ok) {
            missed.add(Boolean.getBoolean("corpus.verbose") ? what + " " + got + " ≠ " + want : what);
        }
    }

    /** NFKC, no white space; a task's text also loses its own leading number (1. / 1、 / （1） / （一） / 一、). */
    static String norm(String s, boolean text) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        if (text) {
            n = n.replaceFirst("^(\\d{1,3}[.、．](?!\\d)|\\(\\d{1,3}\\)[、.]?|\\([一二三四五六七八九十]+\\)[、.]?|[一二三四五六七八九十]+、)", "");
        }
        return n;
    }

    private static Path source(Path dir, JsonNode meta) throws IOException {
        String file = meta.path("file").asText(null);
        if (file != null && Files.isRegularFile(dir.resolve(file))) {
            return dir.resolve(file);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("source.")).findFirst()
                    .orElseThrow(() -> new IOException("no source file in " + dir));
        }
    }

    /** Read as the importer reads an upload: the form told by the content (PlanDocuments), whatever the file's name. */
    static ParsedPlan read(Path source) throws IOException {
        return PlanDocuments.parse(Files.readAllBytes(source));
    }
}
