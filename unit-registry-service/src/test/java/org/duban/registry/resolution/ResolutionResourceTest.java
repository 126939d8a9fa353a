package org.duban.registry.resolution;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.registry.ZhuhaiData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ResolutionResourceTest {

    @BeforeEach
    void zhuhai() {
        ZhuhaiData.ensureImported();
    }

    @Test
    void theSeedPlansPhrasesResolveThroughTheEndpoint() {
        List<String> phrases = SeedPlan.unitPhrases();
        given().contentType(ContentType.JSON).body(Map.of("phrases", phrases)).post("/api/v1/resolutions")
                .then().statusCode(200)
                .body("results", hasSize(28))
                .body("results.findAll { !it.complete }", hasSize(0))
                .body("results[1].lead.code", equalTo("szfb"))
                .body("results[1].lead.name", equalTo("珠海市人民政府办公室"))
                .body("results[1].mentions[1].kind", equalTo("ROLE"))
                .body("results[1].mentions[1].roleName", equalTo("政府信息公开工作主管部门"))
                .body("results[1].mentions[1].refName", equalTo("各区政府（管委会）"))
                .body("results[0].mentions.kind", equalTo(List.of("UNIT", "OPEN_GROUP", "GROUP")))
                .body("results[0].toBeDesignated", equalTo(true))
                .body("results[5].lead", nullValue());
    }

    @Test
    void theAnswerNamesTheRegistrysCityAndEveryLeadOfAPhrase() {
        // task-service compares the city with the plan's own (issue 14): a plan of 潍坊市 is not resolved silently here
        given().contentType(ContentType.JSON)
                .body(Map.of("phrases", List.of("市金融工作局、市财政局分别牵头落实", "潍坊市财政局牵头落实")))
                .post("/api/v1/resolutions")
                .then().statusCode(200)
                .body("city.code", equalTo("zhuhai"))
                .body("city.name", equalTo("珠海市"))
                .body("city.shortNames", equalTo(List.of("珠海")))
                .body("results[0].leads.code", equalTo(List.of("jrj", "czj")))
                .body("results[0].lead.code", equalTo("jrj"))
                .body("results[1].complete", equalTo(false))
                .body("results[1].leads", hasSize(0))
                .body("results[1].lead", nullValue())
                .body("results[1].mentions[0].kind", equalTo("UNRESOLVED"))
                .body("results[1].mentions[0].note", startsWith("names a unit of 潍坊市"));
    }

    @Test
    void anUnresolvedMentionComesWithCandidates() {
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of("市政务服务数据局")))
                .post("/api/v1/resolutions")
                .then().statusCode(200)
                .body("results[0].complete", equalTo(false))
                .body("results[0].mentions[0].kind", equalTo("UNRESOLVED"))
                .body("results[0].mentions[0].candidates[0].code", equalTo("zsj"));
    }

    @Test
    void aNewUnitIsResolvableRightAfterItIsCreated() {
        String code = "r-" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of("市新设局" + code)))
                .post("/api/v1/resolutions").then().body("results[0].complete", equalTo(false));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "珠海市新设局" + code, "type", "DIRECT_AGENCY"))
                .post("/api/v1/units").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of("市新设局" + code + "牵头，市直各单位配合")))
                .post("/api/v1/resolutions")
                .then().body("results[0].complete", equalTo(true)).body("results[0].lead.code", equalTo(code));
    }

    @Test
    void noPhrasesIsAValidationProblem() {
        given().contentType(ContentType.JSON).body("{\"phrases\":[]}").post("/api/v1/resolutions")
                .then().statusCode(400).body("errors[0].field", equalTo("phrases"));
    }

    @Test
    void phrasesUpToTheirLimitsResolveAndOneCharacterMoreIsAValidationProblem() {
        String longest = "市司法局和市财政局及".repeat(200);   // 2,000 characters: the longest phrase
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of(longest))).post("/api/v1/resolutions")
                .then().statusCode(200).body("results", hasSize(1));
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of(longest + "局"))).post("/api/v1/resolutions")
                .then().statusCode(400).body("errors[0].field", startsWith("phrases"));
        // 10 longest phrases are the most one request resolves; one character more is refused
        List<String> fifty = java.util.Collections.nCopies(ResolutionService.MAX_TOTAL_CHARACTERS / longest.length(), longest);
        given().contentType(ContentType.JSON).body(Map.of("phrases", fifty)).post("/api/v1/resolutions")
                .then().statusCode(200).body("results", hasSize(10));
        List<String> more = new java.util.ArrayList<>(fifty);
        more.add("市");
        given().contentType(ContentType.JSON).body(Map.of("phrases", more)).post("/api/v1/resolutions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("phrases"));
    }

    @Test
    void textsAreSearchedForTheUnitsTheyNameWithTheResolversNames() {
        // what task-service's plan import asks beside the phrases: one truth for unit names
        given().contentType(ContentType.JSON)
                .body(Map.of("phrases", List.of(), "texts", List.of("市司法局要在2020年底前完成平台建设",
                        "全市政府网站全部支持互联网协议第6版", "由珠海市人民政府办公室会同横琴新区管理委员会推进")))
                .post("/api/v1/resolutions")
                .then().statusCode(200)
                .body("results", hasSize(0))
                .body("texts", hasSize(3))
                .body("texts[0].units[0].code", equalTo("sfj"))
                .body("texts[0].units[0].name", equalTo("珠海市司法局"))
                .body("texts[0].units[0].text", equalTo("市司法局"))
                .body("texts[0].units[0].offset", equalTo(0))
                .body("texts[1].units", hasSize(0))
                .body("texts[2].units.code", equalTo(List.of("szfb", "hqxq")))
                .body("texts[2].units[1].text", equalTo("横琴新区管理委员会"));
        given().contentType(ContentType.JSON).body("{\"phrases\":[],\"texts\":[]}").post("/api/v1/resolutions")
                .then().statusCode(400).body("errors[0].field", equalTo("phrases"));
    }

    @Test
    void textsUpToTheirLimitsAreSearchedAndOneCharacterMoreIsAValidationProblem() {
        String longest = "市司法局".repeat(ResolutionService.MAX_TEXT_LENGTH / 4);
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of(), "texts", List.of(longest)))
                .post("/api/v1/resolutions").then().statusCode(200).body("texts[0].units", hasSize(1000));
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of(), "texts", List.of(longest + "局")))
                .post("/api/v1/resolutions").then().statusCode(400).body("errors[0].field", startsWith("texts"));
        List<String> all = java.util.Collections.nCopies(ResolutionService.MAX_TOTAL_TEXT_CHARACTERS / longest.length(), longest);
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of(), "texts", all)).post("/api/v1/resolutions")
                .then().statusCode(200).body("texts", hasSize(50));
        List<String> more = new java.util.ArrayList<>(all);
        more.add("市");
        given().contentType(ContentType.JSON).body(Map.of("phrases", List.of(), "texts", more)).post("/api/v1/resolutions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("texts"));
    }
}
