package org.duban.registry.resolution;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unit phrases real plans write (issue 14), each with an example as a plan writes it: markers
 * after a name (牵头落实, 分别牵头落实, 按职责分工负责), labels (牵头单位：…；责任单位：…), 等 before an open
 * group, general open phrases, and names carrying another city's prefix.
 */
class PlanPhraseGrammarTest {

    private final Resolver zhuhai = Cities.zhuhai();

    /** The lead units as the mentions mark them (what {@link Resolution#leadUnitCodes()} must list). */
    private static List<String> markedLeads(Resolution r) {
        return r.mentions().stream().filter(Resolution.Mention::lead).flatMap(m -> m.unitCodes().stream()).distinct().toList();
    }

    private static List<Resolution.Kind> kinds(Resolution r) {
        return r.mentions().stream().map(Resolution.Mention::kind).toList();
    }

    @Test
    void x牵头落实NamesTheUnitAsTheLead() {
        Resolution r = zhuhai.resolve("市发展改革局牵头落实");
        assertEquals(List.of(Resolution.Kind.UNIT), kinds(r));
        assertEquals("fgj", r.leadUnitCode());
        assertEquals(List.of("fgj"), markedLeads(r));
        assertEquals(List.of("fgj"), r.leadUnitCodes());
        assertTrue(r.complete());
        assertEquals(List.of("czj"), zhuhai.resolve("由市财政局负责落实").unitCodes());
        assertEquals(List.of("czj"), zhuhai.resolve("市财政局牵头负责").leadUnitCodes());
    }

    @Test
    void everyUnitOfXY分别牵头落实LeadsAndTheFirstIsTheLead() {
        Resolution r = zhuhai.resolve("市金融工作局、市财政局、市司法局分别牵头落实");
        assertEquals(List.of("jrj", "czj", "sfj"), r.unitCodes());
        assertEquals(List.of("jrj", "czj", "sfj"), markedLeads(r));
        assertEquals(List.of("jrj", "czj", "sfj"), r.leadUnitCodes());
        assertEquals("jrj", r.leadUnitCode());
        // 、 joins the names a marker belongs to; ， ends them
        Resolution two = zhuhai.resolve("市财政局、市司法局牵头，市教育局、市公安局配合");
        assertEquals(List.of("czj", "sfj"), two.leadUnitCodes());
        assertEquals(List.of("czj", "sfj", "jyj", "gaj"), two.unitCodes());
        assertEquals(List.of("czj", "sfj"), zhuhai.resolve("市财政局、市司法局共同牵头").leadUnitCodes());
    }

    @Test
    void aGroupMarked牵头LeadsWithEachOfItsMembers() {
        Resolution r = zhuhai.resolve("各区政府牵头，市财政局配合");
        assertEquals(List.of("xzq", "dmq", "jwq"), r.leadUnitCodes());
        assertEquals("xzq", r.leadUnitCode());
        assertEquals(List.of("xzq", "dmq", "jwq", "czj"), r.unitCodes());
        // unmarked, a group still leads nobody
        assertTrue(zhuhai.resolve("各区政府，市直有关单位").leadUnitCodes().isEmpty());
    }

    @Test
    void x牵头Y配合LeadsWithXOnly() {
        Resolution r = zhuhai.resolve("市发展改革局牵头，市财政局、市司法局配合");
        assertEquals(List.of("fgj"), r.leadUnitCodes());
        assertEquals(List.of("fgj", "czj", "sfj"), r.unitCodes());
        assertEquals(List.of("fgj"), zhuhai.resolve("市发展改革局牵头，市财政局配合落实").leadUnitCodes());
    }

    @Test
    void 按职责分工负责IsAMarkerNotAName() {
        Resolution r = zhuhai.resolve("市发展改革局牵头，各区政府按职责分工负责");
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.GROUP), kinds(r));
        assertEquals(List.of("fgj"), r.leadUnitCodes());
        assertEquals(List.of("fgj", "xzq", "dmq", "jwq"), r.unitCodes());
        assertTrue(r.complete());
        for (String p : List.of("市司法局按职责负责", "市司法局按照职责分工负责", "市司法局负责", "市司法局按职责分工落实")) {
            assertEquals(List.of("sfj"), zhuhai.resolve(p).unitCodes(), p);
            assertTrue(zhuhai.resolve(p).complete(), p);
        }
        // the marker written as its own segment adds no mention
        Resolution alone = zhuhai.resolve("市司法局、市财政局，按职责分工负责");
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.UNIT), kinds(alone));
        assertEquals(List.of("sfj"), alone.leadUnitCodes());
    }

    @Test
    void labelledLeadAndResponsibleUnitsOfTwoColumns() {
        Resolution r = zhuhai.resolve("牵头单位：市发展改革局、市财政局；责任单位：市司法局、各区政府");
        assertEquals(List.of("fgj", "czj"), r.leadUnitCodes());
        assertEquals(List.of("fgj", "czj", "sfj", "xzq", "dmq", "jwq"), r.unitCodes());
        // 责任单位 alone is not "supporting": its first unit leads when no one is marked 牵头
        assertEquals(List.of("sfj"), zhuhai.resolve("责任单位：市司法局、市财政局").leadUnitCodes());
        assertEquals(List.of("czj"), zhuhai.resolve("牵头单位：市财政局 配合单位：市司法局").leadUnitCodes());
        // an empty lead cell composed by the importer leaves the responsible units
        Resolution empty = zhuhai.resolve("牵头单位：；责任单位：市司法局");
        assertEquals(List.of("sfj"), empty.unitCodes());
        assertEquals(List.of("sfj"), empty.leadUnitCodes());
    }

    @Test
    void x等有关部门IsTheUnitAndAnOpenGroup() {
        Resolution r = zhuhai.resolve("市司法局等有关单位");
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.OPEN_GROUP), kinds(r));
        assertEquals(List.of("sfj"), r.unitCodes());
        assertTrue(r.toBeDesignated());
        assertTrue(r.complete());
        assertEquals(List.of("sfj"), r.leadUnitCodes());
        // 等 before a bare noun only closes the list
        Resolution closed = zhuhai.resolve("市司法局、市财政局等部门");
        assertEquals(List.of("sfj", "czj"), closed.unitCodes());
        assertFalse(closed.toBeDesignated());
        assertTrue(closed.complete());
    }

    @Test
    void generalPhrasesNamingNoOneAreOpenGroupsToBeDesignated() {
        for (String p : List.of("各有关部门", "相关部门", "其他有关单位", "各相关部门和单位", "有关部门单位", "各有关方面",
                "各地各部门", "各地区、各部门", "各级各有关部门", "各地各单位")) {
            Resolution r = zhuhai.resolve(p);
            assertFalse(r.mentions().isEmpty(), p);
            assertTrue(kinds(r).stream().allMatch(k -> k == Resolution.Kind.OPEN_GROUP), p + " " + kinds(r));
            assertTrue(r.unitCodes().isEmpty(), p);
            assertTrue(r.toBeDesignated(), p);
            assertTrue(r.complete(), p);
            assertNotNull(r.mentions().get(0).note(), p);
        }
        Resolution r = zhuhai.resolve("市发展改革局牵头，各有关部门配合");
        assertEquals(List.of("fgj"), r.unitCodes());
        assertEquals(List.of("fgj"), r.leadUnitCodes());
        assertTrue(r.toBeDesignated());
    }

    @Test
    void aUnitOfAnotherCityIsNeverTakenForThisCitysUnitOfTheSameShortName() {
        Resolution r = zhuhai.resolve("潍坊市财政局");
        assertEquals(List.of(Resolution.Kind.UNRESOLVED), kinds(r));
        assertTrue(r.unitCodes().isEmpty());
        assertFalse(r.complete());
        assertNull(r.leadUnitCode());
        assertTrue(r.mentions().get(0).note().contains("潍坊市"), r.mentions().get(0).note());
        assertTrue(r.mentions().get(0).note().contains("珠海市"), r.mentions().get(0).note());
        // nor in a phrase, nor after a marker, nor a county's or district's unit
        Resolution p = zhuhai.resolve("潍坊市发展改革局牵头，市司法局配合");
        assertEquals(List.of(Resolution.Kind.UNRESOLVED, Resolution.Kind.UNIT), kinds(p));
        assertEquals(List.of("sfj"), p.unitCodes());
        assertTrue(p.leadUnitCodes().isEmpty(), "the lead named is not this city's");
        for (String other : List.of("青岛市司法局", "寿光市财政局", "临朐县财政局", "坊子区政府", "潍坊财政局")) {
            Resolution o = zhuhai.resolve(other);
            assertEquals(List.of(Resolution.Kind.UNRESOLVED), kinds(o), other);
            assertNotNull(o.mentions().get(0).note(), other);
        }
        // this city's own prefixes still meet
        assertEquals(List.of("czj"), zhuhai.resolve("珠海市财政局").unitCodes());
        assertEquals(List.of("czj"), zhuhai.resolve("珠海财政局").unitCodes());
    }

    @Test
    void aCountyOrDistrictRegistryReadsItsOwnPrefixAsItsLevel() {
        Directory county = new Directory("临朐县", List.of("临朐"), List.of(
                new Directory.UnitEntry("xzf", "临朐县人民政府", "县政府", List.of(), "OTHER", null, List.of(), true, List.of()),
                new Directory.UnitEntry("czj", "临朐县财政局", "县财政局", List.of(), "MUNICIPAL_DEPARTMENT", "xzf", List.of(), true,
                        List.of()),
                new Directory.UnitEntry("sfj", "临朐县司法局", "县司法局", List.of(), "MUNICIPAL_DEPARTMENT", "xzf", List.of(), true,
                        List.of())),
                List.of(), List.of());
        Resolver r = new Resolver(county);
        assertEquals(List.of("czj"), r.resolve("临朐县财政局").unitCodes());
        assertEquals(List.of("czj"), r.resolve("县财政局牵头落实").unitCodes());
        assertEquals(List.of("sfj"), r.resolve("司法局").unitCodes(), "a bare name takes the county's level");
        assertEquals(Resolution.Kind.UNRESOLVED, r.resolve("潍坊市财政局").mentions().get(0).kind());
    }

    @Test
    void aDutyWrittenAfterTheNameLeavesTheName() {
        // the paragraph layout's parenthesis often says what each does: "（…各镇(街)做好发布工作，区政务服务数据管理局做好技术支持）"
        Resolution r = zhuhai.resolve("各区政府做好发布工作，市政务服务数据管理局做好技术支持和指导。");
        assertEquals(List.of(Resolution.Kind.GROUP, Resolution.Kind.UNIT), kinds(r));
        assertEquals(List.of("xzq", "dmq", "jwq", "zsj"), r.unitCodes());
        assertEquals(List.of("zsj"), r.leadUnitCodes(), "the first named unit leads; a group is no unit");
        // an unknown unit whose name holds such a verb is no duty after a known unit
        Directory withParty = new Directory("珠海市", List.of("珠海"), List.of(
                new Directory.UnitEntry("sw", "中共珠海市委员会", "市委", List.of(), "OTHER", null, List.of(), true, List.of())),
                List.of(), List.of());
        Resolution unknown = new Resolver(withParty).resolve("市委组织部");
        assertEquals(List.of(Resolution.Kind.UNRESOLVED), kinds(unknown));
        assertEquals(List.of(Resolution.Kind.UNIT), kinds(new Resolver(withParty).resolve("市委组织做好宣传")));
        Resolution handled = zhuhai.resolve("市发展改革局、市财政局、市司法局牵头办理");
        assertEquals(List.of("fgj", "czj", "sfj"), handled.leadUnitCodes());
        assertTrue(handled.complete());
    }

    @Test
    void aUnitJoinedByAConjunctionToAnOpenGroupIsBoth() {
        Resolution r = zhuhai.resolve("市政府办公室会同各有关单位、各区政府办理。");
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.OPEN_GROUP, Resolution.Kind.GROUP), kinds(r));
        assertEquals(List.of("szfb", "xzq", "dmq", "jwq"), r.unitCodes());
        assertEquals(List.of("szfb"), r.leadUnitCodes());
        assertTrue(r.toBeDesignated());
        Resolution also = zhuhai.resolve("市发展改革局，以及各有关单位");
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.OPEN_GROUP), kinds(also));
        assertNull(also.mentions().get(1).note() == null ? null : (also.mentions().get(1).note().contains("以及") ? "a place" : null),
                "以及 is no place");
    }

    @Test
    void aPlaceholderInAnEmptyCellIsNoMention() {
        Resolution r = zhuhai.resolve("牵头单位：市发展改革局；责任单位：——");
        assertEquals(List.of(Resolution.Kind.UNIT), kinds(r));
        assertEquals(List.of("fgj"), r.unitCodes());
        assertTrue(r.complete());
        assertTrue(zhuhai.resolve("牵头单位：市财政局；责任单位：无").complete());
    }
}
