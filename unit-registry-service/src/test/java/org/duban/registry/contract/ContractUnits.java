package org.duban.registry.contract;

import io.restassured.http.ContentType;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Units made for the contract tests (the matrix and the sweep), each with a fresh code. */
final class ContractUnits {

    private ContractUnits() {
    }

    /** A code no other test uses, e.g. {@code am-1f3c9a0b}. */
    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The body of a minimal unit with this code. */
    static String unitJson(String code) {
        return """
                {"code":"%s","name":"珠海市测试局%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, code);
    }

    /** Creates the unit; returns its ETag (the version for If-Match). */
    static String create(String code) {
        return given().contentType(ContentType.JSON).body(unitJson(code)).when().post("/api/v1/units")
                .then().statusCode(201).extract().header("ETag");
    }
}
