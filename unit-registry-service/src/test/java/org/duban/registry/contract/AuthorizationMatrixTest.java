package org.duban.registry.contract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.duban.testsupport.contract.AuthorizationMatrix;
import org.duban.testsupport.contract.DatabaseFingerprint;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.registry.contract.ContractUnits.create;
import static org.duban.registry.contract.ContractUnits.fresh;
import static org.duban.registry.contract.ContractUnits.unitJson;
import static org.duban.testsupport.contract.AuthorizationMatrix.EVERY_ROLE;
import static org.duban.testsupport.contract.AuthorizationMatrix.SUPERVISOR_AND_VIEWER;
import static org.duban.testsupport.contract.AuthorizationMatrix.SUPERVISOR_ONLY;

/**
 * Every endpoint of unit-registry-service × every kind of caller, as issue 7's policy says: units,
 * groups and tags are read, and phrases resolved, by every role; the city export is the supervisor's
 * and the viewer's; every write and import is the supervisor's. The registry holds no unit's work, so
 * "own" and "other" unit callers are treated alike. Refused requests must leave the database as it was.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @Inject
    DataSource dataSource;

    private static final String PREFIX = "am";

    @Test
    void everyEndpointAnswersEveryCallerAsThePolicySays() {
        String kept = fresh(PREFIX);
        String keptTag = create(kept);
        String retired = fresh(PREFIX);
        String retiredTag = create(retired);
        String group = fresh(PREFIX);
        String groupTag = given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + group + "\",\"name\":\"矩阵组" + group + "\",\"kind\":\"OPEN\"}")
                .when().post("/api/v1/groups").then().statusCode(201).extract().header("ETag");
        String imported = fresh(PREFIX);
        String csvUnit = fresh(PREFIX);

        AuthorizationMatrix m = AuthorizationMatrix.of("sfj", "czj").database(new DatabaseFingerprint(dataSource)
                // the relay marks relayed events published in the background; their number still counts
                .countOnly("outbox_event"));

        // units
        m.entry("GET", "/api/v1/units").allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/units/{code}").path("code", kept).allow(EVERY_ROLE);
        m.entry("POST", "/api/v1/units").json(unitJson(fresh(PREFIX))).allow(SUPERVISOR_ONLY);
        m.entry("PUT", "/api/v1/units/{code}").path("code", kept).header("If-Match", keptTag)
                .json("{\"name\":\"珠海市矩阵局" + kept + "\",\"shortName\":\"矩阵" + kept + "\",\"type\":\"MUNICIPAL_DEPARTMENT\"}")
                .allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/units/{code}/deactivation").path("code", retired).header("If-Match", retiredTag)
                .json("{\"validTo\":\"2020-12-31\"}").allow(SUPERVISOR_ONLY);

        // groups
        m.entry("GET", "/api/v1/groups").allow(EVERY_ROLE);
        m.entry("GET", "/api/v1/groups/{code}").path("code", group).allow(EVERY_ROLE);
        m.entry("POST", "/api/v1/groups")
                .json("{\"code\":\"" + fresh(PREFIX) + "\",\"name\":\"矩阵新组\",\"kind\":\"LIST\",\"members\":[\"" + kept + "\"]}")
                .allow(SUPERVISOR_ONLY);
        m.entry("PUT", "/api/v1/groups/{code}").path("code", group).header("If-Match", groupTag)
                .json("{\"name\":\"矩阵组" + group + "\",\"aliases\":[\"矩阵别名" + group + "\"],\"kind\":\"OPEN\"}")
                .allow(SUPERVISOR_ONLY);

        // tags
        m.entry("GET", "/api/v1/tags").allow(EVERY_ROLE);
        String tag = fresh(PREFIX);
        m.entry("POST", "/api/v1/tags").json("{\"code\":\"" + tag + "\",\"name\":\"矩阵标签" + tag + "\"}")
                .allow(SUPERVISOR_ONLY);

        // resolution: a read-only computation
        m.entry("POST", "/api/v1/resolutions").json("{\"phrases\":[\"珠海市矩阵局" + kept + "\"]}").allow(EVERY_ROLE);

        // the city: imported by the supervisor, exported (every unit's contacts) for the supervisor and the viewer
        m.entry("GET", "/api/v1/city/export").allow(SUPERVISOR_AND_VIEWER);
        m.entry("GET", "/api/v1/city/export/{section}").path("section", "units").allow(SUPERVISOR_AND_VIEWER);
        m.entry("POST", "/api/v1/city/import").json("{\"units\":[" + unitJson(imported) + "]}").allow(SUPERVISOR_ONLY);
        m.entry("POST", "/api/v1/city/import/{section}").path("section", "units")
                .body("text/csv", ("编码,全称,类型\n" + csvUnit + ",珠海市表格局" + csvUnit + ",MUNICIPAL_DEPARTMENT\n")
                        .getBytes(StandardCharsets.UTF_8))
                .allow(SUPERVISOR_ONLY);

        m.run();

        // the allowed writes did happen, so the refusals before them were refusals of a request that works
        given().when().get("/api/v1/units/" + imported).then().statusCode(200);
        given().when().get("/api/v1/units/" + csvUnit).then().statusCode(200);
        given().when().get("/api/v1/units/" + retired).then().statusCode(200).body("active", org.hamcrest.Matchers.equalTo(false));
    }
}
