package org.duban.task.evidence;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.MultiPartSpecification;
import io.restassured.specification.RequestSpecification;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.unit.RegistryUnits;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A published plan with one task owed by two units ("own" and "other"), both accepted, for the evidence tests.
 */
final class EvidenceFixture {

    final String own;
    final String other;
    final String planId;
    final String ownAssignment;
    final String otherAssignment;

    EvidenceFixture() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        own = "sfj-" + suffix;
        other = "czj-" + suffix;
        RegistryUnits.seed(own, "珠海市司法局" + suffix);
        RegistryUnits.seed(other, "珠海市财政局" + suffix);
        String body = "{\"documentNumber\":\"珠府办〔2026〕" + suffix + "号\",\"title\":\"珠海市2026年政务公开工作要点分工方案\","
                + "\"year\":" + LocalDate.now().getYear() + ",\"sections\":[{\"title\":\"一、加强用权公开\",\"workItems\":["
                + "{\"title\":\"（一）加强权力配置信息公开\",\"tasks\":[{\"text\":\"做好权责清单动态调整工作。\",\"deadline\":\""
                + LocalDate.now().plusMonths(3) + "\",\"leadUnitCode\":\"" + own + "\",\"responsibleUnitCodes\":[\"" + other
                + "\"]}]}]}]}";
        planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plans").then().statusCode(201)
                .extract().path("id");
        var published = given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(200).extract();
        String a0 = published.path("sections[0].workItems[0].tasks[0].assignments[0].id");
        String u0 = published.path("sections[0].workItems[0].tasks[0].assignments[0].unitCode");
        String a1 = published.path("sections[0].workItems[0].tasks[0].assignments[1].id");
        ownAssignment = own.equals(u0) ? a0 : a1;
        otherAssignment = own.equals(u0) ? a1 : a0;
    }

    void accept(String assignment, String unit) {
        given().auth().oauth2(operator(unit)).post("/api/v1/assignments/" + assignment + "/accept").then().statusCode(200);
    }

    static String operator(String unit) {
        return TestKeys.token("unit-operator", unit);
    }

    static MultiPartSpecification text(String name, String value) {
        return new MultiPartSpecBuilder(value).controlName(name).charset("UTF-8").mimeType("text/plain").build();
    }

    static MultiPartSpecification file(String fileName, byte[] bytes, String claimedType) {
        return new MultiPartSpecBuilder(bytes).controlName("files").fileName(fileName).mimeType(claimedType).build();
    }

    /**
     * A multipart request as browsers and curl send it: file names as raw UTF-8 (RestAssured's default strict
     * mode would send 会议纪要.pdf as ????.pdf).
     */
    static RequestSpecification multipart(String token) {
        return given().config(io.restassured.RestAssured.config()
                        .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                                .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE))
                        .multiPartConfig(io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8")))
                .auth().oauth2(token).contentType("multipart/form-data");
    }

    /** A report form: summary and percent, then the files. */
    static RequestSpecification form(String token, MultiPartSpecification... files) {
        RequestSpecification r = multipart(token)
                .multiPart(text("summary", "已召开专题会议，权责清单已公开"))
                .multiPart(text("percent", "60"));
        for (MultiPartSpecification f : files) {
            r = r.multiPart(f);
        }
        return r;
    }

    static ValidatableResponse report(String token, String assignment, MultiPartSpecification... files) {
        return form(token, files).post("/api/v1/assignments/" + assignment + "/progress-reports").then();
    }
}
