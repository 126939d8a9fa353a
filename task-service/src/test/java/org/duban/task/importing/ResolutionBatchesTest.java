package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import sends its unit phrases in requests the registry accepts (count and characters bounded). */
class ResolutionBatchesTest {

    @Test
    void batchesStayUnderTheRegistrysCountAndCharacterLimits() {
        List<String> phrases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            phrases.add(("市司法局和市财政局" + i).repeat(150).substring(0, 1_500));
        }
        for (int i = 0; i < 700; i++) {
            phrases.add("市直有关单位" + i);
        }
        Map<String, RegistryClient.PhraseResolution> unresolvable = new LinkedHashMap<>();
        List<List<String>> batches = PlanImportService.batches(phrases, unresolvable);
        assertTrue(unresolvable.isEmpty());
        assertEquals(phrases, batches.stream().flatMap(List::stream).toList(), "every phrase once, in order");
        for (List<String> b : batches) {
            assertTrue(b.size() <= PlanImportService.RESOLUTION_BATCH, "at most 500 phrases");
            assertTrue(b.stream().mapToInt(String::length).sum() <= PlanImportService.RESOLUTION_BATCH_CHARACTERS,
                    "at most 20,000 characters");
        }
        // 13 long phrases fill 19,500 characters; then 4 long and 496 short reach 500 phrases
        assertEquals(List.of(13, 13, 500, 204), batches.stream().map(List::size).toList());
    }

    @Test
    void aPhraseLongerThanTheRegistryResolvesIsNotSentButUnresolved() {
        String atLimit = "市".repeat(PlanImportService.MAX_PHRASE_LENGTH);
        String over = atLimit + "局";
        Map<String, RegistryClient.PhraseResolution> unresolvable = new LinkedHashMap<>();
        List<List<String>> batches = PlanImportService.batches(List.of(atLimit, over), unresolvable);
        assertEquals(List.of(List.of(atLimit)), batches);
        assertEquals("UNRESOLVED", unresolvable.get(over).mentions().get(0).kind());
        assertTrue(unresolvable.get(over).mentions().get(0).text().length() <= 201);
    }

    @Test
    void taskTextsTravelInBatchesUnderTheRegistrysTextLimitsAndAnOverlongTextIsNotSent() {
        String atLimit = "市".repeat(PlanImportService.MAX_TEXT_LENGTH);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            texts.add(atLimit.substring(0, atLimit.length() - 1) + (char) ('一' + i));
        }
        texts.add(atLimit + "局");
        List<List<String>> batches = PlanImportService.textBatches(texts);
        assertEquals(texts.subList(0, 60), batches.stream().flatMap(List::stream).toList(), "every text once, in order, but the overlong one");
        // 50 texts of 4,000 characters fill 200,000
        assertEquals(List.of(50, 10), batches.stream().map(List::size).toList());
        for (List<String> b : batches) {
            assertTrue(b.stream().mapToInt(String::length).sum() <= PlanImportService.TEXT_BATCH_CHARACTERS);
        }
    }
}
