package org.duban.task.unit;

import org.duban.replica.UnitGroupReplica;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which units an open group could contain, as the replicas tell it. */
class OpenGroupScopeTest {

    static UnitGroupReplica group(String name, String kind, List<String> members) {
        UnitGroupReplica g = new UnitGroupReplica();
        g.code = "g";
        g.name = name;
        g.kind = kind;
        g.open = "OPEN".equals(kind);
        g.active = true;
        g.memberCodes = members;
        return g;
    }

    @Test
    void municipalPhrasesAdmitMunicipalDepartmentsAndDirectAgenciesOnly() {
        for (String phrase : List.of("市直有关单位", "市直相关单位", "市有关单位", "有经济管理服务职能的市直单位")) {
            OpenGroupScope s = OpenGroupScope.of(phrase, group(phrase, "OPEN", List.of()));
            assertTrue(s.admits("jtj", "MUNICIPAL_DEPARTMENT"), phrase);
            assertTrue(s.admits("sjj", "DIRECT_AGENCY"), phrase);
            assertFalse(s.admits("dmq", "DISTRICT"), phrase);
            assertFalse(s.admits("hqxq", "ZONE_COMMITTEE"), phrase);
            assertFalse(s.admits("swj", "PUBLIC_ENTERPRISE"), phrase);
            assertFalse(s.admits("szf", "OTHER"), phrase);
        }
    }

    @Test
    void districtPhrasesAdmitDistrictsAndZoneCommittees() {
        OpenGroupScope s = OpenGroupScope.of("各区有关单位", null);
        assertTrue(s.admits("xzq", "DISTRICT"));
        assertTrue(s.admits("hqxq", "ZONE_COMMITTEE"));
        assertFalse(s.admits("jtj", "MUNICIPAL_DEPARTMENT"));
    }

    @Test
    void anUnqualifiedPhraseBoundsNothing() {
        OpenGroupScope s = OpenGroupScope.of("有关单位", group("有关单位", "OPEN", List.of()));
        for (String type : List.of("MUNICIPAL_DEPARTMENT", "DISTRICT", "PUBLIC_ENTERPRISE", "OTHER")) {
            assertTrue(s.admits("x", type), type);
        }
        assertEquals("有关单位 (any unit)", s.describe());
    }

    @Test
    void aRegistryGroupWithMembersAdmitsItsMembersOnlyWhateverItsName() {
        OpenGroupScope s = OpenGroupScope.of("市直重点单位", group("市直重点单位", "LIST", List.of("dmq", "jtj")));
        assertTrue(s.admits("dmq", "DISTRICT"));
        assertTrue(s.admits("jtj", "MUNICIPAL_DEPARTMENT"));
        assertFalse(s.admits("sjj", "MUNICIPAL_DEPARTMENT"));
    }
}
