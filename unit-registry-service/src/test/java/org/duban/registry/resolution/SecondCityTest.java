package org.duban.registry.resolution;

import org.duban.registry.city.CityApi;
import org.duban.registry.city.CityValidator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Onboarding by data alone: an invented city (青川市) is read from its data file by the same code
 * as the bulk import, passes the same validation, and its phrases resolve — no line of Java knows it.
 */
class SecondCityTest {

    private static final Path FILE = Path.of("src/test/resources/cities/qingchuan.json");

    @Test
    void theInventedCitysFileIsValidAsTheImportChecksIt() {
        CityApi.CityDocument doc = Cities.read(FILE);
        assertEquals(List.of(), CityValidator.validate(doc, Map.of()));
    }

    @Test
    void itsPhrasesResolveWithItsOwnPrefixesGroupsTagsAndRoles() {
        Resolver r = new Resolver(Cities.read(FILE).toDirectory());

        Resolution a = r.resolve("青川市财政局牵头，市直各部门、各区政府（开发区管委会）配合");
        assertTrue(a.complete());
        assertEquals("qc-czj", a.leadUnitCode());
        assertEquals(List.of(Resolution.Kind.UNIT, Resolution.Kind.GROUP, Resolution.Kind.GROUP),
                a.mentions().stream().map(Resolution.Mention::kind).toList());
        assertEquals(List.of("qc-czj", "qc-bgs", "qc-fgw", "qc-jyj", "qc-sjj", "qc-jbq", "qc-jnq", "qc-kfq"), a.unitCodes());

        Resolution b = r.resolve("市大数据局、江北、江南两区; 有关部门");
        assertEquals(List.of("qc-sjj", "qc-jbq", "qc-jnq"), b.unitCodes());
        assertTrue(b.toBeDesignated());
        assertEquals("qc-sjj", b.leadUnitCode());

        // here the tag decides: the economic units carry it
        Resolution c = r.resolve("有经济管理服务职能的市直各部门");
        assertEquals(Resolution.Kind.GROUP, c.mentions().get(0).kind());
        assertEquals(List.of("qc-fgw", "qc-czj"), c.unitCodes());

        Resolution d = r.resolve("市政府办公室，各区政务公开工作机构");
        assertEquals("qc-bgs", d.leadUnitCode());
        assertEquals(Resolution.Kind.ROLE, d.mentions().get(1).kind());
        assertEquals("open-office", d.mentions().get(1).role());
        assertEquals(List.of("qc-jbq", "qc-jnq", "qc-kfq"), d.mentions().get(1).unitCodes());

        assertEquals("qc-kfq", r.resolve("青川开发区管理委员会").leadUnitCode());
        assertEquals("qc-fgw", r.resolve("青川市发展和改革委员会").leadUnitCode());
        // Zhuhai's names mean nothing here
        assertEquals(Resolution.Kind.UNRESOLVED, r.resolve("横琴新区管委会").mentions().get(0).kind());
    }
}
