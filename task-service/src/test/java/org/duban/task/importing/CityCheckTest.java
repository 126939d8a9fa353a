package org.duban.task.importing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's city held against the registry's (PlanImportService.cityMismatch, the one place it is decided). */
class CityCheckTest {

    private static final RegistryClient.City ZHUHAI = new RegistryClient.City("zhuhai", "珠海市", List.of("珠海"));

    @Test
    void aPlanOfTheRegistrysCityPasses() {
        assertNull(PlanImportService.cityMismatch("珠海市", ZHUHAI));
        assertNull(PlanImportService.cityMismatch("珠海市香洲区", ZHUHAI));
    }

    @Test
    void aCountyPlanPassesAgainstItsCountysRegistry() {
        assertNull(PlanImportService.cityMismatch("济南市钢城区",
                new RegistryClient.City("gangcheng", "钢城区", List.of("钢城"))));
        assertNull(PlanImportService.cityMismatch("钢城区",
                new RegistryClient.City("gangcheng", "济南市钢城区", List.of("钢城区"))));
    }

    @Test
    void aPlanOfAnotherCityIsAMismatchThatSaysBoth() {
        String m = PlanImportService.cityMismatch("潍坊市", ZHUHAI);
        assertTrue(m.contains("潍坊市") && m.contains("珠海市"), m);
    }

    @Test
    void unknownOnEitherSideIsNoMismatch() {
        assertNull(PlanImportService.cityMismatch(null, ZHUHAI));
        assertNull(PlanImportService.cityMismatch("潍坊市", null));
    }
}
