package org.duban.registry.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.duban.registry.ZhuhaiData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CityImportTest {

    @BeforeEach
    void zhuhai() {
        ZhuhaiData.ensureImported();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void theZhuhaiDataIsLoadedAndASecondImportChangesNothing() {
        given().get("/api/v1/units/szfb").then().statusCode(200).body("name", equalTo("珠海市人民政府办公室"))
                .body("tags", equalTo(List.of("openness-office"))).body("contacts", hasSize(2));
        given().get("/api/v1/groups/gqzf-gwh").then().statusCode(200)
                .body("memberCodes", equalTo(List.of("xzq", "dmq", "jwq", "hqxq", "gxq", "wsq", "glg")));
        given().get("/api/v1/groups/szyydw").then().body("kind", equalTo("OPEN")).body("memberCodes", hasSize(0));
        given().contentType(ContentType.JSON).body(ZhuhaiData.json()).post("/api/v1/city/import")
                .then().statusCode(200).body("ok", equalTo(true)).body("created", equalTo(0)).body("updated", equalTo(0))
                .body("unchanged", equalTo(42));
    }

    @Test
    void groupSnapshotsArePublishedOnDubanUnitGroups() {
        String bootstrap = TestInfra.get().bootstrapServers();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> mine = KafkaProbe.readAll(bootstrap, "duban.unit-groups").stream()
                    .filter(r -> "gqzf".equals(r.key())).toList();
            assertTrue(!mine.isEmpty());
            ConsumerRecord<String, String> r = mine.get(mine.size() - 1);
            assertEquals("unit-group.snapshot", KafkaProbe.header(r, "ce_type"));
            JsonNode s = new ObjectMapper().readTree(r.value());
            assertEquals("各区政府", s.get("name").asText());
            assertEquals("[\"xzq\",\"dmq\",\"jwq\"]", s.get("memberCodes").toString());
        });
    }

    @Test
    void aDryRunReportsEveryProblemByRecordAndWritesNothing() {
        String s = suffix();
        String doc = """
                {"units":[
                  {"code":"ok-%1$s","name":"正常单位%1$s","type":"DISTRICT"},
                  {"code":"Bad Code","name":"坏编码%1$s","type":"DISTRICT"},
                  {"code":"t1-%1$s","name":"类型错%1$s","type":"BUREAU","tags":["nope"]},
                  {"code":"dup-%1$s","name":"重复甲%1$s","type":"DISTRICT"},
                  {"code":"dup-%1$s","name":"重复乙%1$s","type":"DISTRICT"},
                  {"code":"clash-%1$s","name":"撞名%1$s","shortName":"市司法局","type":"DISTRICT"},
                  {"code":"cy1-%1$s","name":"环一%1$s","type":"DISTRICT","parent":"cy2-%1$s"},
                  {"code":"cy2-%1$s","name":"环二%1$s","type":"DISTRICT","parent":"cy1-%1$s"}
                ]}""".formatted(s);
        given().contentType(ContentType.JSON).body(doc).queryParam("dryRun", true).post("/api/v1/city/import")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("ok", equalTo(false))
                .body("issues.where", hasItem("units[1]"))
                .body("issues.findAll { it.where == 'units[2]' }.field", equalTo(List.of("type", "tags")))
                .body("issues.find { it.where == 'units[4]' }.message", containsString("also at units[3]"))
                .body("issues.find { it.where == 'units[5]' }.message", containsString("unit sfj"))
                .body("issues.find { it.where == 'units[5]' }.conflict", equalTo(true))
                .body("issues.find { it.field == 'parent' }.message", containsString("cycle"))
                .body("issues", hasSize(greaterThanOrEqualTo(6)));
        given().get("/api/v1/units/ok-" + s).then().statusCode(404);
    }

    @Test
    void aFailedImportWritesNothingAtAll() {
        String s = suffix();
        String doc = """
                {"units":[
                  {"code":"good-%1$s","name":"好单位%1$s","type":"DISTRICT"},
                  {"code":"bad-%1$s","name":"坏单位%1$s","type":"DISTRICT","parent":"no-such-parent"}
                ]}""".formatted(s);
        given().contentType(ContentType.JSON).body(doc).post("/api/v1/city/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nothing was written"))
                .body("errors[0].field", equalTo("units[1].parent"));
        given().get("/api/v1/units/good-" + s).then().statusCode(404);
    }

    @Test
    void csvExportCarriesABomAndChineseHeadersAndReimportsUnchanged() {
        byte[] csv = given().get("/api/v1/city/export/units").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF编码,全称,简称,别名,类型,上级,标签,联络员"), text.substring(0, 40));
        assertTrue(text.contains("szfb,珠海市人民政府办公室,市政府办公室,市府办|市政府办,市政府组成部门,szf,openness-office,"
                + "\"*陈晓明（示例）/0756-2100001/gongkai@szfb.zhuhai.example|李静（示例）/0756-2100002/lijing@szfb.zhuhai.example\""),
                text.lines().filter(l -> l.startsWith("szfb")).findFirst().orElse(text));
        given().contentType("text/csv").body(csv).post("/api/v1/city/import/units")
                .then().statusCode(200).body("ok", equalTo(true)).body("updated", equalTo(0));
        byte[] groups = given().get("/api/v1/city/export/groups").then().statusCode(200).extract().asByteArray();
        given().contentType("text/csv").body(groups).queryParam("dryRun", true).post("/api/v1/city/import/groups")
                .then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void csvRowsAreImportedAndTheirProblemsReportedByRow() {
        String s = suffix();
        String csv = "编码,全称,简称,类型,上级,标签,联络员\n"
                + "csv-" + s + ",珠海市测试局" + s + ",市测试局" + s + ",直属机构,szf,,*张三/0756-1/zs@x.example\n";
        given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/city/import/units")
                .then().statusCode(200).body("created", equalTo(1));
        given().get("/api/v1/units/csv-" + s).then().statusCode(200).body("type", equalTo("DIRECT_AGENCY"))
                .body("contacts[0].name", equalTo("张三")).body("contacts[0].primary", equalTo(true));
        String bad = "编码,全称,类型,生效日期\n"
                + "ok2-" + s + ",好" + s + ",区政府,2020-01-01\n"
                + "bad2-" + s + ",坏" + s + ",某类型,2020-13-01\n";
        given().contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8)).queryParam("dryRun", true)
                .post("/api/v1/city/import/units")
                .then().statusCode(200).body("ok", equalTo(false))
                .body("issues.where", equalTo(List.of("units row 3", "units row 3")))
                .body("issues.field", hasItem("生效日期")).body("issues.field", hasItem("type"));
        given().get("/api/v1/units/ok2-" + s).then().statusCode(404);
    }
}
