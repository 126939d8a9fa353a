package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.duban.common.security.Caller;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The registry's role rules that are not "supervisor writes, everyone reads": a unit-operator reads
 * the registry and resolves phrases but changes nothing; the city export (every unit's contacts in one
 * file) is for the supervisor and the viewer only. The full endpoint × caller table is AuthorizationMatrixTest.
 */
@QuarkusTest
class RolePolicyTest {

    private static final String FORBIDDEN = "urn:duban:problem:forbidden";

    private String code;
    private String name;
    /** The unit's ETag: writes below carry the current version, so only the role can refuse them. */
    private String etag;

    @BeforeEach
    void aUnit() {
        code = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        name = "珠海市权限局" + code;
        etag = given().contentType(ContentType.JSON).body(unitJson(code, name)).when().post("/api/v1/units")
                .then().statusCode(201).extract().header("ETag");
    }

    private static String unitJson(String code, String name) {
        return """
                {"code":"%s","name":"%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, name);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String operator() {
        return TestKeys.token(Caller.UNIT_OPERATOR, "sfj");
    }

    @Test
    void aUnitOperatorReadsUnitsGroupsAndTagsAndResolvesPhrases() {
        as(operator()).when().get("/api/v1/units/" + code).then().statusCode(200).body("name", equalTo(name));
        as(operator()).queryParam("q", code).when().get("/api/v1/units").then().statusCode(200)
                .body("items.code", hasItem(code));
        as(operator()).when().get("/api/v1/groups").then().statusCode(200);
        as(operator()).when().get("/api/v1/tags").then().statusCode(200);
        as(operator()).contentType(ContentType.JSON).body(Map.of("phrases", List.of(name)))
                .when().post("/api/v1/resolutions")
                .then().statusCode(200).body("results[0].lead.code", equalTo(code));
    }

    @Test
    void aUnitOperatorCannotCreateChangeOrDeactivateAUnit() {
        String other = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        as(operator()).contentType(ContentType.JSON).body(unitJson(other, "珠海市越权局" + other))
                .when().post("/api/v1/units")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        as(operator()).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("name", "改名" + code,
                        "type", "MUNICIPAL_DEPARTMENT"))
                .when().put("/api/v1/units/" + code)
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        as(operator()).contentType(ContentType.JSON).header("If-Match", etag).body("{}")
                .when().post("/api/v1/units/" + code + "/deactivation")
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().when().get("/api/v1/units/" + other).then().statusCode(404);
        given().when().get("/api/v1/units/" + code).then().statusCode(200)
                .body("name", equalTo(name)).body("active", equalTo(true)).header("ETag", equalTo(etag));
    }

    @Test
    void aUnitOperatorCannotImportACityNorItsCsvSheets() {
        String imported = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        as(operator()).contentType(ContentType.JSON)
                .body(Map.of("units", List.of(Map.of("code", imported, "name", "珠海市导入局" + imported,
                        "type", "MUNICIPAL_DEPARTMENT"))))
                .when().post("/api/v1/city/import")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
        as(operator()).contentType("text/csv").body("x")
                .when().post("/api/v1/city/import/units")
                .then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().when().get("/api/v1/units/" + imported).then().statusCode(404);
    }

    @Test
    void theViewerExportsTheCityButAUnitOperatorAndTheIntegrationCannot() {
        as(TestKeys.token(Caller.VIEWER)).when().get("/api/v1/city/export").then().statusCode(200)
                .body("units.code", hasItem(code));
        as(TestKeys.token(Caller.VIEWER)).when().get("/api/v1/city/export/units").then().statusCode(200);
        for (String token : List.of(operator(), TestKeys.token(Caller.INTEGRATION, "sfj", "czj"))) {
            as(token).when().get("/api/v1/city/export").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo(FORBIDDEN));
            as(token).when().get("/api/v1/city/export/units").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        }
    }

    @Test
    void theViewerReadsEverythingButChangesNothing() {
        String viewer = TestKeys.token(Caller.VIEWER);
        as(viewer).when().get("/api/v1/units/" + code).then().statusCode(200);
        as(viewer).contentType(ContentType.JSON).body(Map.of("phrases", List.of(name)))
                .when().post("/api/v1/resolutions").then().statusCode(200);
        as(viewer).contentType(ContentType.JSON).body(Map.of("code", "rp-tag", "name", "只读标签"))
                .when().post("/api/v1/tags").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        as(viewer).contentType(ContentType.JSON).body(Map.of("code", "rp-group", "name", "只读组", "kind", "OPEN"))
                .when().post("/api/v1/groups").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        as(viewer).contentType(ContentType.JSON).header("If-Match", etag).body("{}")
                .when().post("/api/v1/units/" + code + "/deactivation").then().statusCode(403);
        given().when().get("/api/v1/tags").then().statusCode(200).body("code", org.hamcrest.Matchers.not(hasItem("rp-tag")));
        given().when().get("/api/v1/groups/rp-group").then().statusCode(404);
    }
}
