package org.duban.registry.city;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A CSV sheet is read strictly as UTF-8, and an empty one is refused rather than "imported". */
@QuarkusTest
class CsvSheetReadingTest {

    private static String sheet(String code) {
        return "编码,全称,类型\n" + code + ",珠海市编码局" + code + ",市政府组成部门\n";
    }

    @Test
    void aSheetSavedAsGbkIs415AndNothingIsWritten() {
        String code = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("text/csv").body(sheet(code).getBytes(Charset.forName("GBK")))
                .when().post("/api/v1/city/import/units")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:unreadable-document"))
                .body("detail", containsString("UTF-8"));
        given().when().get("/api/v1/units/" + code).then().statusCode(404);
        // the same sheet in UTF-8 is imported
        given().contentType("text/csv").body(sheet(code).getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/city/import/units").then().statusCode(200).body("created", equalTo(1));
    }

    @Test
    void anEmptySheetIs400() {
        for (String body : new String[] {"", "\uFEFF", " \n"}) {
            given().contentType("text/csv").body(body.getBytes(StandardCharsets.UTF_8))
                    .when().post("/api/v1/city/import/tags")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:duban:problem:empty-document"));
        }
    }
}
