package org.duban.registry.resolution;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptance: every unit phrase of the seed plan resolves against the Zhuhai demo data. */
class SeedPlanResolutionTest {

    @Test
    void theSeedPlanHas28TaskRowsEachWithAUnitPhrase() {
        List<String> phrases = SeedPlan.unitPhrases();
        assertEquals(28, phrases.size(), "task rows of the seed plan");
        phrases.forEach(p -> assertTrue(!p.isBlank(), "empty unit cell"));
        assertEquals("市政务服务数据管理局，市直有关单位,各区政府（管委会）", phrases.get(0));
        assertEquals("市政府办公室，市直各单位，各区政府（管委会）", phrases.get(27));
    }

    @Test
    void everyUnitPhraseOfTheSeedPlanResolvesWithNoUnresolvedMention() {
        Resolver resolver = Cities.zhuhai();
        StringBuilder failures = new StringBuilder();
        for (String phrase : SeedPlan.unitPhrases()) {
            Resolution r = resolver.resolve(phrase);
            for (Resolution.Mention m : r.mentions()) {
                if (m.kind() == Resolution.Kind.UNRESOLVED) {
                    failures.append(phrase).append(" → unresolved '").append(m.text()).append("' ").append(m.candidates()).append('\n');
                }
                if ((m.kind() == Resolution.Kind.GROUP || m.kind() == Resolution.Kind.ROLE) && m.unitCodes().isEmpty()) {
                    failures.append(phrase).append(" → '").append(m.text()).append("' expands to no unit\n");
                }
            }
            if (!r.complete() || r.mentions().isEmpty()) {
                failures.append(phrase).append(" incomplete\n");
            }
        }
        assertEquals("", failures.toString());
    }

    @Test
    void theNamedUnitsOfTheSeedPlanLeadTheirTasks() {
        Resolver resolver = Cities.zhuhai();
        List<String> phrases = SeedPlan.unitPhrases();
        assertEquals("zsj", resolver.resolve(phrases.get(0)).leadUnitCode());
        assertEquals("szfb", resolver.resolve(phrases.get(1)).leadUnitCode());
        // 市直各单位,各区政府（管委会）: only groups, nobody leads
        assertEquals(null, resolver.resolve(phrases.get(5)).leadUnitCode());
        long withLead = phrases.stream().filter(p -> resolver.resolve(p).leadUnitCode() != null).count();
        long withoutLead = phrases.stream().filter(p -> resolver.resolve(p).leadUnitCode() == null).count();
        assertEquals(28, withLead + withoutLead);
        assertEquals(5, withoutLead, "rows naming only groups: 3×(市直各单位,各区政府（管委会）), 有经济管理服务职能的市直单位…, 市直有关单位…");
    }
}
