package org.duban.registry.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duban.registry.city.CityApi;
import org.duban.registry.city.CityValidator;
import org.duban.registry.city.Issue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The measure of issue 14 on the registry side: for every document of the plan corpus
 * ({@code corpus/plans/<id>/}), a resolver is built from the document's own city.json and every unit
 * phrase of its expected.json is resolved; a phrase is right when its leads, its units (in order)
 * and toBeDesignated are as written by hand. Prints one line per document and a total line.
 * The corpus is part of the repository: a missing corpus fails, it does not skip.
 */
class PlanCorpusResolutionTest {

    static final Path CORPUS = Path.of("../corpus/plans");
    private static final double REQUIRED = 0.95;
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> documents() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            fail("the plan corpus is missing: " + CORPUS.toAbsolutePath().normalize());
        }
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            List<Path> out = dirs.filter(Files::isDirectory).sorted().toList();
            assertTrue(!out.isEmpty(), "the plan corpus has no document: " + CORPUS.toAbsolutePath().normalize());
            return out;
        }
    }

    /** The city file of a document, read and validated as the registry's import does; a failure names the file. */
    static CityApi.CityDocument city(Path doc) {
        Path file = doc.resolve("city.json");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + ": missing");
        }
        CityApi.CityDocument city;
        try {
            city = Cities.read(file);
        } catch (RuntimeException e) {
            throw new AssertionError(file + ": not a city file: " + e.getMessage(), e);
        }
        List<Issue> issues = CityValidator.validate(city, Map.of());
        if (!issues.isEmpty()) {
            throw new AssertionError(file + ": invalid for the registry: " + issues);
        }
        return city;
    }

    @Test
    void everyCorpusCityFileLoadsAndIsValidForTheRegistry() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path doc : documents()) {
            try {
                city(doc);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyTasksUnitPhraseHasAnExpectedResolution() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path doc : documents()) {
            Path expectedFile = doc.resolve("expected.json");
            if (!Files.isRegularFile(expectedFile)) {
                missing.add(expectedFile + ": missing");
                continue;
            }
            JsonNode expected = JSON.readTree(expectedFile.toFile());
            for (JsonNode task : expected.path("tasks")) {
                String units = task.path("units").asText(null);
                if (units != null && !expected.path("phrases").has(units)) {
                    missing.add(expectedFile + ": phrases has no entry for the task's units \"" + units + "\"");
                }
            }
        }
        assertEquals(List.of(), missing.stream().distinct().toList());
    }

    @Test
    void theCorpusPhrasesResolveToTheExpectedLeadsAndUnits() throws IOException {
        int right = 0;
        int total = 0;
        List<String> wrong = new ArrayList<>();
        for (Path doc : documents()) {
            String id = doc.getFileName().toString();
            Path expectedFile = doc.resolve("expected.json");
            if (!Files.isRegularFile(expectedFile)) {
                fail(expectedFile + ": missing");
            }
            JsonNode phrases = JSON.readTree(expectedFile.toFile()).path("phrases");
            Resolver resolver = new Resolver(city(doc).toDirectory());
            int docRight = 0;
            int docTotal = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = phrases.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                docTotal++;
                Resolution r = resolver.resolve(e.getKey());
                List<String> leads = strings(e.getValue().path("leads"));
                List<String> units = strings(e.getValue().path("units"));
                boolean open = e.getValue().path("toBeDesignated").asBoolean();
                if (r.leadUnitCodes().equals(leads) && r.unitCodes().equals(units) && r.toBeDesignated() == open) {
                    docRight++;
                } else {
                    wrong.add(id + ": " + e.getKey() + "\n    expected leads " + leads + " units " + units + " open " + open
                            + "\n    got      leads " + r.leadUnitCodes() + " units " + r.unitCodes() + " open "
                            + r.toBeDesignated() + " " + unresolved(r));
                }
            }
            System.out.printf("corpus resolution %-40s phrases %3d/%-3d right%n", id, docRight, docTotal);
            right += docRight;
            total += docTotal;
        }
        System.out.printf("corpus resolution TOTAL %d/%d phrases right (%.1f %%)%n", right, total,
                total == 0 ? 0.0 : 100.0 * right / total);
        wrong.forEach(w -> System.out.println("  wrong " + w));
        assertTrue(total > 0, "no phrase in the corpus");
        assertTrue(right >= REQUIRED * total, right + "/" + total + " phrases right, below 95 %:\n" + String.join("\n", wrong));
    }

    private static String unresolved(Resolution r) {
        return r.mentions().stream().filter(m -> m.kind() == Resolution.Kind.UNRESOLVED)
                .map(m -> "unresolved '" + m.text() + "'" + (m.note() == null ? "" : " (" + m.note() + ")")).toList().toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
