package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every source document of the plan corpus (../corpus/plans/*&#47;source.*) is told as the form its
 * extension says, by content alone, and reads without throwing; prints one line per document.
 * The corpus is part of the repository: without it this test fails.
 */
class PlanFormatCorpusTest {

    @Test
    void everyCorpusDocumentIsToldByItsContentAndReads() throws IOException {
        Path plans = Path.of("../corpus/plans");
        assertTrue(Files.isDirectory(plans), "the plan corpus is missing: " + plans.toAbsolutePath());
        List<String> wrong = new ArrayList<>();
        int documents = 0;
        try (Stream<Path> dirs = Files.list(plans)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> sources;
                try (Stream<Path> files = Files.list(dir)) {
                    sources = files.filter(f -> f.getFileName().toString().startsWith("source.")).toList();
                }
                for (Path source : sources) {
                    documents++;
                    String name = source.getFileName().toString();
                    PlanFormat expected = switch (name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)) {
                        case "html", "htm" -> PlanFormat.HTML;
                        case "docx" -> PlanFormat.DOCX;
                        case "doc" -> PlanFormat.DOC;
                        case "pdf" -> PlanFormat.PDF;
                        default -> PlanFormat.TEXT;
                    };
                    byte[] bytes = Files.readAllBytes(source);
                    PlanFormat told = PlanFormat.sniff(bytes);
                    String outcome;
                    try {
                        ParsedPlan plan = PlanDocuments.parse(bytes);
                        outcome = plan.taskCount() + " tasks, " + plan.problems().size() + " problems";
                    } catch (RuntimeException e) {
                        outcome = "threw " + e;
                        wrong.add(dir.getFileName() + ": " + outcome);
                    }
                    if (told != expected) {
                        wrong.add(dir.getFileName() + ": " + name + " told as " + told);
                    }
                    System.out.printf("%-40s %-12s %-5s %s%n", dir.getFileName(), name, told.wireName(), outcome);
                }
            }
        }
        System.out.println("corpus forms: " + documents + " documents, " + wrong.size() + " wrong");
        assertTrue(documents > 0, "no documents in the corpus");
        assertEquals(List.of(), wrong);
    }
}
