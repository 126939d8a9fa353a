package org.duban.registry.city;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

/**
 * Every stored text has a length limit, on the single-record endpoints (@Size: 400) and in the city
 * import (CityValidator: 422 by record), and a rejected huge value is not sent back in the problem.
 */
@QuarkusTest
class InputLimitsTest {

    private static final String HUGE = "长".repeat(100_000);
    /** Several in one document stay under the 1 MB body limit. */
    private static final String LONG = "长".repeat(10_000);

    private static String code() {
        return "lim-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> unit(String code) {
        Map<String, Object> u = new HashMap<>();
        u.put("code", code);
        u.put("name", "珠海市限长局" + code);
        u.put("type", "MUNICIPAL_DEPARTMENT");
        return u;
    }

    @Test
    void aHugeContactNameOfANewUnitIsA400NamingIt() {
        String code = code();
        Map<String, Object> u = unit(code);
        u.put("contacts", List.of(Map.of("name", HUGE, "phone", "0756-2100001")));
        given().contentType(ContentType.JSON).body(u).when().post("/api/v1/units")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors.field", hasItem("contacts[0].name"));
        given().when().get("/api/v1/units/" + code).then().statusCode(404);
    }

    @Test
    void aTagDescriptionOver500CharactersIsA400() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code(), "name", "限长标签" + code(), "description", "说".repeat(501)))
                .when().post("/api/v1/tags")
                .then().statusCode(400).body("errors.field", hasItem("description"));
    }

    @Test
    void theImportRejectsOverlongTextInAnyFieldByRecordAndWritesNothing() {
        String a = code();
        String b = code();
        Map<String, Object> first = unit(a);
        first.put("shortName", LONG);
        Map<String, Object> second = unit(b);
        second.put("aliases", List.of("别名" + b, "别" + LONG));
        second.put("contacts", List.of(Map.of("name", "陈晓明", "phone", LONG)));
        Map<String, Object> tag = new HashMap<>(Map.of("code", "lim-tag", "name", "限长标签", "description", LONG));
        Map<String, Object> doc = Map.of("tags", List.of(tag), "units", List.of(first, second));
        String body = given().contentType(ContentType.JSON).body(doc).when().post("/api/v1/city/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unprocessable"))
                .body("errors.field", hasItem("units[0].shortName"))
                .body("errors.field", hasItem("units[1].aliases[1]"))
                .body("errors.field", hasItem("units[1].contacts[0].phone"))
                .body("errors.field", hasItem("tags[0].description"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(body.length(), lessThan(5_000));
        given().when().get("/api/v1/units/" + a).then().statusCode(404);
        given().when().get("/api/v1/units/" + b).then().statusCode(404);
    }

    @Test
    void aHugeUnknownCodeIsQuotedShortInTheProblem() {
        Map<String, Object> u = unit(code());
        u.put("parent", "p".repeat(100_000));
        String body = given().contentType(ContentType.JSON).body(Map.of("units", List.of(u)))
                .when().post("/api/v1/city/import")
                .then().statusCode(422).body("errors.field", hasItem("units[0].parent"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(body.length(), lessThan(5_000));
    }

    @Test
    void aNullRecordInTheImportIsAProblemAtItsPlace() {
        List<Object> units = new ArrayList<>();
        units.add(unit(code()));
        units.add(null);
        given().contentType(ContentType.JSON).body(Map.of("units", units)).when().post("/api/v1/city/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("units[1]"));
    }

    // issue 12, round two: control characters, duplicate keys, unreadable parameters, far dates

    @Test
    void aNulInAPathOrQueryParameterIsA400NamingIt() {
        given().urlEncodingEnabled(false).when().get("/api/v1/units/sfj%00")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation")).body("errors[0].field", equalTo("code"));
        given().urlEncodingEnabled(false).when().get("/api/v1/units?q=%E5%8F%B8%00")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("q"));
    }

    @Test
    void aParameterThatCannotBeReadIsA400NamingItNotA404() {
        given().when().get("/api/v1/units?limit=abc").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit")).body("errors[0].message", equalTo("not a whole number"));
        given().when().get("/api/v1/units?active=maybe").then().statusCode(400).body("errors[0].field", equalTo("active"));
        given().when().get("/api/v1/groups?limit=12abc").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aControlCharacterInABodyIsA400NamingTheFieldAndNothingIsWritten() {
        String code = code();
        Map<String, Object> u = unit(code);
        u.put("name", "珠海市控制\u0000字符局");
        given().contentType(ContentType.JSON).body(u).when().post("/api/v1/units")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation")).body("errors[0].field", equalTo("name"));
        u.put("name", "珠海市控制字符局" + code);
        u.put("aliases", List.of("别名\u001b[2J"));
        given().contentType(ContentType.JSON).body(u).when().post("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("aliases[0]"));
        given().when().get("/api/v1/units/" + code).then().statusCode(404);
    }

    @Test
    void aKeyGivenTwiceIsA400NamingIt() {
        String code = code();
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"珠海市甲局\",\"type\":\"MUNICIPAL_DEPARTMENT\",\"name\":\"珠海市乙局\"}")
                .when().post("/api/v1/units")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:malformed-request")).body("errors[0].field", equalTo("name"));
        given().when().get("/api/v1/units/" + code).then().statusCode(404);
    }

    @Test
    void unitDatesOutsideTheRangeAreRefusedAndItsEdgesAccepted() {
        for (String far : List.of("9999-12-31", "1999-12-31", "2101-01-01", "+999999999-12-31")) {
            String code = code();
            Map<String, Object> u = unit(code);
            u.put("validFrom", far);
            given().contentType(ContentType.JSON).body(u).when().post("/api/v1/units")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("validFrom"));
            given().when().get("/api/v1/units/" + code).then().statusCode(404);
        }
        String code = code();
        Map<String, Object> u = unit(code);
        u.put("validFrom", "2000-01-01");
        u.put("validTo", "2100-12-31");
        given().contentType(ContentType.JSON).body(u).when().post("/api/v1/units").then().statusCode(201);
        String csv = "编码,全称,类型,生效日期\n" + code() + ",珠海市远期局,直属机构,2101-01-01\n";
        given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("dryRun", true).post("/api/v1/city/import/units").then().statusCode(200).body("ok", equalTo(false))
                .body("issues.field", hasItem("生效日期"))
                .body("issues.message", hasItem(org.hamcrest.Matchers.containsString("2000-01-01 to 2100-12-31")));
    }

    @Test
    void theCsvExportDefusesFormulaCellsAndReimportsThemUnchanged() {
        String code = code();
        Map<String, Object> u = unit(code);
        String name = "=HYPERLINK(\"http://x.example\",\"珠海市公式局" + code + "\")";
        u.put("name", name);
        u.put("aliases", List.of("公式局" + code + ";=1+1"));
        given().contentType(ContentType.JSON).body(u).when().post("/api/v1/units").then().statusCode(201);
        byte[] csv = given().get("/api/v1/city/export/units").then().statusCode(200).extract().asByteArray();
        String line = new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith(code + ",")).findFirst().orElseThrow();
        // no cell, nor any ;-separated part of one, starts a formula
        org.junit.jupiter.api.Assertions.assertTrue(line.contains(",\"'=HYPERLINK("), line);
        org.junit.jupiter.api.Assertions.assertTrue(line.contains("公式局" + code + ";'=1+1"), line);
        given().contentType("text/csv").body(csv).post("/api/v1/city/import/units")
                .then().statusCode(200).body("ok", equalTo(true));
        given().get("/api/v1/units/" + code).then().statusCode(200).body("name", equalTo(name))
                .body("aliases[0]", equalTo("公式局" + code + ";=1+1"));
    }

    @Test
    void aControlCharacterInACsvSheetIsA400NamingItsLineAndNothingIsWritten() {
        String code = code();
        String csv = "编码,全称,类型\n" + code + ",珠海市表格\u0000局,直属机构\n";
        given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/city/import/units").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("detail", org.hamcrest.Matchers.containsString("Line 2"));
        given().when().get("/api/v1/units/" + code).then().statusCode(404);
    }
}
