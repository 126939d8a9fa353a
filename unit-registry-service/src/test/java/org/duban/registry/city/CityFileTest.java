package org.duban.registry.city;

import org.duban.registry.group.GroupData;
import org.duban.registry.group.GroupRule;
import org.duban.registry.tag.TagData;
import org.duban.registry.resolution.Cities;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The city file rules and the CSV sheets, without a server. */
class CityFileTest {

    private final CityApi.CityDocument zhuhai = Cities.read(Cities.ZHUHAI);

    @Test
    void theZhuhaiDemoFileIsValid() {
        assertEquals(List.of(), CityValidator.validate(zhuhai, Map.of()));
        assertEquals(42, zhuhai.units().size());
        assertEquals(10, zhuhai.groups().size());
    }

    @Test
    void aClashWithAnExistingNameIsReportedOnTheNewRecordAsAConflict() {
        List<org.duban.registry.unit.UnitData> units = new ArrayList<>(zhuhai.units());
        org.duban.registry.unit.UnitData clash = new org.duban.registry.unit.UnitData("dup", "珠海市司法局", null, null, "DISTRICT", null, null, null, null,
                null, null, null, true);
        units.add(clash);
        Map<Object, String> where = new IdentityHashMap<>();
        where.put(clash, "units[0]");
        List<Issue> issues = CityValidator.validate(new CityApi.CityDocument(zhuhai.city(), zhuhai.tags(), units,
                zhuhai.groups()), where);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals("units[0]", issues.get(0).where());
        assertTrue(issues.get(0).conflict());
        assertTrue(issues.get(0).message().contains("unit sfj"), issues.get(0).message());
    }

    @Test
    void aRetiredUnitsNameMayBeTakenAgain() {
        List<org.duban.registry.unit.UnitData> units = new ArrayList<>(zhuhai.units());
        org.duban.registry.unit.UnitData again = new org.duban.registry.unit.UnitData("wsjsj2", "珠海市卫生和计划生育局", null, null, "DIRECT_AGENCY", null,
                null, null, null, null, null, null, true);
        units.add(again);
        Map<Object, String> where = new IdentityHashMap<>();
        where.put(again, "body");
        assertEquals(List.of(), CityValidator.validate(new CityApi.CityDocument(zhuhai.city(), zhuhai.tags(), units,
                zhuhai.groups()), where));
    }

    @Test
    void groupsWithUnknownKindTypeTagOrMemberAreReported() {
        GroupData bad = new GroupData("bad", "坏组", null, "SOMETIMES",
                new GroupRule(List.of("BUREAU"), List.of("nope"), "nobody"), List.of("ghost"), true);
        List<GroupData> groups = new ArrayList<>(zhuhai.groups());
        groups.add(bad);
        Map<Object, String> where = new IdentityHashMap<>();
        where.put(bad, "groups[0]");
        List<String> fields = CityValidator.validate(new CityApi.CityDocument(zhuhai.city(), zhuhai.tags(), zhuhai.units(),
                groups), where).stream().map(Issue::field).toList();
        assertEquals(List.of("kind", "rule.types", "rule.tags", "rule.parent", "members"), fields);
    }

    @Test
    void theUnitsSheetRoundTripsEveryField() {
        String csv = CityCsv.writeUnits(zhuhai.units());
        assertTrue(csv.startsWith("\uFEFF编码,全称,简称,别名,类型,上级,标签,联络员,生效日期,失效日期,前身,继任,状态"));
        CityCsv.Parsed<org.duban.registry.unit.UnitData> back = CityCsv.readUnits(csv);
        assertEquals(List.of(), back.issues());
        assertEquals(zhuhai.units().stream().map(CityStore::normalise).toList(),
                back.rows().stream().map(l -> CityStore.normalise(l.value())).toList());
        assertEquals("units row 2", back.rows().get(0).where());
    }

    @Test
    void theGroupAndTagSheetsRoundTrip() {
        CityCsv.Parsed<GroupData> groups = CityCsv.readGroups(CityCsv.writeGroups(zhuhai.groups()));
        assertEquals(List.of(), groups.issues());
        assertEquals(zhuhai.groups().stream().map(CityStore::normalise).toList(),
                groups.rows().stream().map(l -> CityStore.normalise(l.value())).toList());
        CityCsv.Parsed<TagData> tags = CityCsv.readTags(CityCsv.writeTags(zhuhai.tags()));
        assertEquals(List.of(), tags.issues());
        assertEquals(zhuhai.tags().size(), tags.rows().size());
        assertEquals("政府信息公开工作主管部门", tags.rows().get(1).value().name());
        assertTrue(tags.rows().get(1).value().role());
    }

    @Test
    void anUnknownColumnIsReportedOnTheHeaderRow() {
        CityCsv.Parsed<org.duban.registry.unit.UnitData> p = CityCsv.readUnits("编码,全称,类型,备注\nx,某单位,区政府,无\n");
        assertEquals(1, p.issues().size());
        assertEquals("units row 1", p.issues().get(0).where());
        assertEquals("备注", p.issues().get(0).field());
    }
}
