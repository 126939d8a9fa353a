package org.duban.registry.contract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.duban.testsupport.contract.BadInputSweep;
import org.duban.testsupport.contract.DatabaseFingerprint;
import org.duban.registry.ZhuhaiData;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.registry.contract.ContractUnits.create;
import static org.duban.registry.contract.ContractUnits.fresh;
import static org.duban.registry.contract.ContractUnits.unitJson;

/**
 * Bad input to every write endpoint of unit-registry-service: each baseline fills every field the
 * request has (nested contacts, rules, a whole city with a tag, a unit and a group), so the sweep
 * mutates each of them. Free text — names, short names, aliases, a tag's description, a contact's
 * name, the phrases to resolve — may hold any characters; every other string (codes, types, kinds,
 * phones, e-mails, dates) must refuse injection strings. Every answer must be a 4xx problem+json and
 * leave the database as it was; then the baseline must succeed.
 */
@QuarkusTest
class BadInputSweepTest {

    @Inject
    DataSource dataSource;

    private static final String PREFIX = "bs";

    /** Every field of a unit, valid; parent, tag and predecessor exist. */
    private static String fullUnit(String code, String parent, String tag, String predecessor) {
        return """
                {"code":"%1$s","name":"珠海市全字段局%1$s","shortName":"全字段%1$s","aliases":["全字段别名%1$s"],
                 "type":"MUNICIPAL_DEPARTMENT","parent":"%2$s","tags":["%3$s"],
                 "contacts":[{"name":"陈晓明","phone":"0756-2100001","email":"gongkai@%1$s.zhuhai.example","primary":true}],
                 "validFrom":"2019-01-25","validTo":"2030-12-31","predecessors":["%4$s"]}"""
                .formatted(code, parent, tag, predecessor);
    }

    @Test
    void everyWriteEndpointRefusesBadInputWithAProblemAndChangesNothing() {
        // the demo city (its city record is the one the import baseline below sends)
        ZhuhaiData.ensureImported();
        String tag = fresh(PREFIX);
        given().contentType(ContentType.JSON).body("{\"code\":\"" + tag + "\",\"name\":\"扫描标签" + tag + "\"}")
                .when().post("/api/v1/tags").then().statusCode(201);
        String parent = fresh(PREFIX);
        create(parent);
        String predecessor = fresh(PREFIX);
        create(predecessor);
        String successor = fresh(PREFIX);
        create(successor);
        String updated = fresh(PREFIX);
        String updatedTag = create(updated);
        String retired = fresh(PREFIX);
        String retiredTag = create(retired);
        String group = fresh(PREFIX);
        String groupTag = given().contentType(ContentType.JSON)
                .body("{\"code\":\"" + group + "\",\"name\":\"扫描组" + group + "\",\"kind\":\"OPEN\"}")
                .when().post("/api/v1/groups").then().statusCode(201).extract().header("ETag");

        BadInputSweep sweep = BadInputSweep.on(new DatabaseFingerprint(dataSource)
                // the relay marks relayed events published in the background; their number still counts
                .countOnly("outbox_event"));

        sweep.json("POST", "/api/v1/units").body(fullUnit(fresh(PREFIX), parent, tag, predecessor))
                .freeText("name", "shortName", "aliases", "contacts[].name");
        sweep.json("PUT", "/api/v1/units/{code}").path("code", updated).header("If-Match", updatedTag)
                .body("""
                        {"version":%5$s,"name":"珠海市改名局%1$s","shortName":"改名%1$s","aliases":["改名别名%1$s"],
                         "type":"DIRECT_AGENCY","parent":"%2$s","tags":["%3$s"],
                         "contacts":[{"name":"李华","phone":"0756-2100002","email":"li@%1$s.zhuhai.example","primary":false}],
                         "validFrom":"2019-01-25","validTo":"2030-12-31","predecessors":["%4$s"],"successors":["%6$s"],
                         "active":true}""".formatted(updated, parent, tag, predecessor, updatedTag.replace("\"", ""), successor))
                .freeText("name", "shortName", "aliases", "contacts[].name");
        sweep.json("POST", "/api/v1/units/{code}/deactivation").path("code", retired).header("If-Match", retiredTag)
                .body("{\"validTo\":\"2020-12-31\",\"successors\":[\"" + successor + "\"]}");

        sweep.json("POST", "/api/v1/groups").body("""
                        {"code":"%1$s","name":"扫描规则组%1$s","aliases":["扫描规则组别名%1$s"],"kind":"RULE",
                         "rule":{"types":["MUNICIPAL_DEPARTMENT"],"tags":["%2$s"],"parent":"%3$s"},
                         "members":["%4$s"],"active":true}""".formatted(fresh(PREFIX), tag, parent, predecessor))
                .freeText("name", "aliases");
        sweep.json("PUT", "/api/v1/groups/{code}").path("code", group).header("If-Match", groupTag)
                .body("""
                        {"code":"%1$s","version":%3$s,"name":"扫描名单组%1$s","aliases":["扫描名单组别名%1$s"],"kind":"LIST",
                         "rule":{"types":["DISTRICT"],"tags":[],"parent":null},"members":["%2$s"],"active":true}"""
                        .formatted(group, parent, groupTag.replace("\"", "")))
                .freeText("name", "aliases");

        String newTag = fresh(PREFIX);
        sweep.json("POST", "/api/v1/tags").body("""
                {"code":"%1$s","name":"扫描新标签%1$s","aliases":["扫描新标签别名%1$s"],"role":false,"description":"扫描用的标签"}"""
                .formatted(newTag))
                .freeText("name", "aliases", "description");

        sweep.json("POST", "/api/v1/resolutions").body("{\"phrases\":[\"珠海市扫描局" + parent + "，市直有关单位\"]}")
                .freeText("phrases");

        String imported = fresh(PREFIX);
        sweep.json("POST", "/api/v1/city/import").body("""
                        {"city":{"code":"zhuhai","name":"珠海市","shortNames":["珠海"]},
                         "tags":[{"code":"%1$s","name":"导入标签%1$s","aliases":["导入标签别名%1$s"],"role":false,"description":"导入的标签"}],
                         "units":[%2$s],
                         "groups":[{"code":"%3$s","name":"导入组%3$s","aliases":["导入组别名%3$s"],"kind":"RULE",
                                    "rule":{"types":["MUNICIPAL_DEPARTMENT"],"tags":["%1$s"],"parent":"%4$s"},"members":["%5$s"],
                                    "active":true}]}"""
                        .formatted(fresh(PREFIX), fullUnit(imported, parent, tag, predecessor), fresh(PREFIX), parent, predecessor))
                .freeText("name", "shortName", "shortNames", "aliases", "description", "contacts[].name");

        String csvUnit = fresh(PREFIX);
        String csv = "编码,全称,简称,别名,类型,上级,标签,联络员,生效日期,失效日期,前身,继任,状态\n"
                + csvUnit + ",珠海市表格局" + csvUnit + ",表格" + csvUnit + ",表格别名" + csvUnit + ",市政府组成部门," + parent + ","
                + tag + ",*王芳/0756-2100003/wang@" + csvUnit + ".zhuhai.example,2019-01-25,,,,有效\n";
        sweep.raw("POST", "/api/v1/city/import/{section}").path("section", "units")
                .body("text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));

        sweep.run();
    }
}
