package org.duban.registry.resolution;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolverTest {

    private final Resolver zhuhai = Cities.zhuhai();

    private List<Resolution.Kind> kinds(Resolution r) {
        return r.mentions().stream().map(Resolution.Mention::kind).toList();
    }

    private List<String> refs(Resolution r) {
        return r.mentions().stream().map(Resolution.Mention::ref).toList();
    }

    @Test
    void aUnitAndARolePhraseResolveToTheUnitAndTheRoleWithinEachDistrictAndZone() {
        Resolution r = zhuhai.resolve("市政府办公室，各区政府（管委会）政府信息公开工作主管部门");
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.ROLE), kinds(r));
        assertEquals("szfb", r.leadUnitCode());
        assertTrue(r.mentions().get(0).lead());
        Resolution.Mention role = r.mentions().get(1);
        assertEquals("openness-office", role.role());
        assertEquals("gqzf-gwh", role.ref());
        assertEquals(List.of("xzq", "dmq", "jwq", "hqxq", "gxq", "wsq", "glg"), role.unitCodes());
        assertEquals(8, r.unitCodes().size());
    }

    @Test
    void groupsExpandToTheirCurrentMembersAndHaveNoLead() {
        Resolution r = zhuhai.resolve("市直各单位");
        assertEquals(List.of(Resolution.Kind.GROUP), kinds(r));
        assertNull(r.leadUnitCode());
        assertTrue(r.unitCodes().contains("szfb"));
        assertTrue(r.unitCodes().contains("zsj"));
        assertFalse(r.unitCodes().contains("xzq"), "districts are not 市直");
        assertFalse(r.unitCodes().contains("wsjsj"), "retired units are no members");
        assertEquals(List.of("xzq", "dmq", "jwq"), zhuhai.resolve("各区政府").unitCodes());
    }

    @Test
    void openGroupsAreToBeDesignatedNotExpanded() {
        for (String p : List.of("市直有关单位", "有关单位", "有经济管理服务职能的市直单位")) {
            Resolution r = zhuhai.resolve(p);
            assertEquals(List.of(Resolution.Kind.OPEN_GROUP), kinds(r), p);
            assertTrue(r.unitCodes().isEmpty(), p);
            assertTrue(r.toBeDesignated(), p);
            assertTrue(r.complete(), p);
        }
    }

    @Test
    void fullWidthAndAsciiPunctuationAndEverySeparatorSplitAlike() {
        List<String> variants = List.of(
                "市发展改革局、市政务服务数据管理局",
                "市发展改革局，市政务服务数据管理局",
                "市发展改革局,市政务服务数据管理局",
                "市发展改革局; 市政务服务数据管理局",
                "市发展改革局；市政务服务数据管理局",
                "市发展改革局 市政务服务数据管理局",
                " 市发展改革局　，　市政务服务数据管理局 ");
        for (String v : variants) {
            Resolution r = zhuhai.resolve(v);
            assertEquals(List.of("fgj", "zsj"), r.unitCodes(), v);
            assertEquals("fgj", r.leadUnitCode(), v);
        }
    }

    @Test
    void cityPrefixesAndFullAndShortNamesMeet() {
        for (String p : List.of("珠海市发展和改革局", "市发展和改革局", "市发展改革局", "市发改局", "发展改革局",
                "珠海市人民政府办公室", "市人民政府办公室", "市政府办公室")) {
            Resolution r = zhuhai.resolve(p);
            assertEquals(Resolution.Kind.UNIT, r.mentions().get(0).kind(), p);
        }
        assertEquals("fgj", zhuhai.resolve("珠海市发展和改革局").leadUnitCode());
        assertEquals("szfb", zhuhai.resolve("珠海市人民政府办公室").leadUnitCode());
        assertEquals("hqxq", zhuhai.resolve("横琴新区管理委员会").leadUnitCode());
        assertEquals("hqxq", zhuhai.resolve("横琴新区管委会").leadUnitCode());
        assertEquals("gxq", zhuhai.resolve("珠海高新区管委会").leadUnitCode());
    }

    @Test
    void theBracketedCommitteeVariantsOfTheDistrictsGroupMeet() {
        for (String p : List.of("各区政府（管委会）", "各区政府(管委会)", "各区政府（ 管委会 ）", "各区（管委会）", "各区政府、管委会")) {
            Resolution r = zhuhai.resolve(p);
            assertEquals(List.of("gqzf-gwh"), refs(r), p);
            assertEquals(7, r.unitCodes().size(), p);
        }
    }

    @Test
    void aNameThatContainsASeparatorIsOneMention() {
        Resolution r = zhuhai.resolve("横琴新区管委会，各区政府（管委会），市政府各部门、各直属机构");
        assertEquals(List.of("hqxq", "gqzf-gwh", "szfgbm-zsjg"), refs(r));
        assertEquals("hqxq", r.leadUnitCode());
    }

    @Test
    void theUnitMarked牵头LeadsAndSupportingUnitsDoNot() {
        Resolution r = zhuhai.resolve("市司法局配合，市财政局牵头");
        assertEquals("czj", r.leadUnitCode());
        assertTrue(r.mentions().get(1).lead());
        assertFalse(r.mentions().get(0).lead());
        assertEquals("sfj", zhuhai.resolve("市司法局牵头，市直有关单位配合").leadUnitCode());
        Resolution labelled = zhuhai.resolve("牵头单位：市应急管理局；责任单位：市直各单位、各区政府（管委会）");
        assertEquals("yjglj", labelled.leadUnitCode());
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.GROUP, Resolution.Kind.GROUP), kinds(labelled));
        assertEquals("sfj", zhuhai.resolve("由市司法局负责").leadUnitCode());
        assertEquals(List.of("sfj", "czj"), zhuhai.resolve("市司法局会同市财政局").unitCodes());
        assertEquals(List.of("rsj"), zhuhai.resolve("市人力资源和社会保障局").unitCodes(), "和 inside a name is no conjunction");
    }

    @Test
    void aRetiredUnitResolvesToItsSuccessorWithANote() {
        Resolution r = zhuhai.resolve("市卫生和计划生育局");
        assertEquals(Resolution.Kind.UNIT, r.mentions().get(0).kind());
        assertEquals(List.of("wsjkj"), r.unitCodes());
        assertTrue(r.mentions().get(0).note().contains("珠海市卫生健康局"));
    }

    @Test
    void anUnknownMentionIsUnresolvedWithTheClosestCandidates() {
        Resolution r = zhuhai.resolve("市政府办公室，市政务服务数据局");
        assertFalse(r.complete());
        Resolution.Mention m = r.mentions().get(1);
        assertEquals(Resolution.Kind.UNRESOLVED, m.kind());
        assertEquals("zsj", m.candidates().get(0).code());
        assertTrue(m.candidates().get(0).score() > 0.5);
        assertEquals("szfb", r.leadUnitCode());
        assertTrue(zhuhai.resolve("火星探测局").mentions().get(0).candidates().size() <= 3);
    }

    @Test
    void aBareRoleResolvesToTheUnitsCarryingIt() {
        Resolution r = zhuhai.resolve("政府信息公开工作主管部门");
        assertEquals(List.of(Resolution.Kind.ROLE), kinds(r));
        assertEquals(List.of("szfb"), r.unitCodes());
    }

    @Test
    void anEmptyPhraseHasNoMentions() {
        Resolution r = zhuhai.resolve("  ，、 ");
        assertTrue(r.mentions().isEmpty());
        assertNull(r.leadUnitCode());
    }

    @Test
    void aLongChainOfConjunctionsThatFailsAtItsEndIsResolvedOnceNotOncePerWayOfSplittingIt() {
        // "甲和乙及甲和乙及…火星局": every prefix resolves, the end never does; the split used to try
        // each conjunction at every level (×1.5 time per conjunction: 18 took 0.3 s, 60 would take ages)
        String phrase = "市司法局和市财政局及".repeat(30) + "火星探测局";
        Resolution r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> zhuhai.resolve(phrase));
        assertEquals(List.of(Resolution.Kind.UNRESOLVED), kinds(r));
        // the same chain ending in a unit is one joined mention of both units
        Resolution joined = zhuhai.resolve("市司法局和市财政局及".repeat(30) + "市司法局");
        assertEquals(List.of(Resolution.Kind.GROUP), kinds(joined));
        assertEquals(2, joined.unitCodes().size());
    }

    @Test
    void aPhraseIsResolvedUpToTheLengthLimitAndRefusedBeyondIt() {
        String atLimit = "市司法局和市财政局及".repeat(199) + "市司法局和市财政局火";
        assertEquals(Resolver.MAX_PHRASE_LENGTH, atLimit.length());
        assertEquals(List.of(Resolution.Kind.UNRESOLVED), kinds(zhuhai.resolve(atLimit)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> zhuhai.resolve(atLimit + "局"));
    }
}
