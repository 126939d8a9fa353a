package org.duban.task.ledger;

import org.duban.testsupport.security.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duban.task.plan.SeedPlanFixture;
import org.duban.task.time.ClockProducer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed plan (珠府办〔2020〕9号, 28 tasks, over 400 assignments) published, then a scripted history on its
 * first task — the lead 市政务服务数据管理局 (zsj) accepts, reports 60%, submits and is completed; 香洲区 (xzq)
 * returns it — read back from the XLSX (Apache POI), the CSV and the statistics.
 */
@QuarkusTest
class SeedPlanLedgerTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void theSeedPlansLedgerAndStatisticsShowTheScriptedHistory() throws Exception {
        JsonNode fixture = SeedPlanFixture.loadWithUnits();
        ObjectNode plan = SeedPlanFixture.planBody(fixture);
        plan.put("documentNumber", "珠府办〔2020〕9号-" + UUID.randomUUID().toString().substring(0, 6));
        String planId = given().contentType(ContentType.JSON).body(json.writeValueAsString(plan))
                .post("/api/v1/plans").then().statusCode(201).extract().path("id");
        JsonNode published = json.readTree(given()
                .post("/api/v1/plans/" + planId + "/publish").then().statusCode(200).extract().asString());
        int assignments = 0;
        String zsj = null;
        String xzq = null;
        for (JsonNode s : published.get("sections")) {
            for (JsonNode w : s.get("workItems")) {
                for (JsonNode t : w.get("tasks")) {
                    for (JsonNode a : t.get("assignments")) {
                        assignments++;
                        if (t.get("ordinal").asInt() == 1 && a.get("unitCode").asText().equals("zsj")) {
                            zsj = a.get("id").asText();
                        }
                        if (t.get("ordinal").asInt() == 1 && a.get("unitCode").asText().equals("xzq")) {
                            xzq = a.get("id").asText();
                        }
                    }
                }
            }
        }
        act(zsj, "accept", null, "unit:zsj");
        act(zsj, "progress-reports", "{\"summary\":\"已完成权责清单梳理\",\"percent\":60}", "unit:zsj");
        act(zsj, "submit", null, "unit:zsj");
        act(zsj, "complete", null, "supervisor:张三");
        act(xzq, "return", "{\"reason\":\"该事项由市直部门牵头\"}", "unit:xzq");
        String today = LocalDate.now(ClockProducer.ZONE).toString();
        String task1 = "对照法律法规规章，全面梳理本机关依法行使的行政权力和依法承担的公共服务职责，更新完善权责清单并按要求公开。";

        byte[] xlsx = given().queryParam("format", "xlsx").get("/api/v1/plans/" + planId + "/ledger").then()
                .statusCode(200).extract().asByteArray();
        DataFormatter fmt = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheet("台账");
            for (Row r : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < LedgerLabels.HEADERS.length; c++) {
                    cells.add(fmt.formatCellValue(r.getCell(c)));
                }
                rows.add(cells);
            }
        }
        assertEquals(assignments + 1, rows.size(), "the header and one row per assignment");
        assertEquals(List.of(LedgerLabels.HEADERS), rows.get(0));
        List<String> lead = rows.get(1);
        assertEquals(List.of("1", "一、围绕贯彻落实党的十九届四中全会精神加强用权公开", "（一）以权责清单为依托，加强权力配置信息公开",
                task1, "珠海市政务服务数据管理局", "zsj", "牵头", "已办结", ""), lead.subList(0, 9));
        assertEquals(List.of("已完成权责清单梳理", today, today), lead.subList(13, 16));
        List<String> returned = rows.stream().filter(r -> r.get(3).equals(task1) && r.get(5).equals("xzq")).findFirst()
                .orElseThrow();
        assertEquals(List.of("责任", "已退回", ""), returned.subList(6, 9));
        long overdueRows = rows.stream().skip(1).filter(r -> !r.get(11).isEmpty()).count();
        boolean leadOnTime = lead.get(9).isEmpty() || lead.get(9).compareTo(today) >= 0; // the seed's deadlines are in 2020
        long assignedRows = rows.stream().skip(1).filter(r -> r.get(7).equals("待签收")).count();
        assertEquals(assignments - 2, assignedRows, "every other assignment still waits to be accepted");

        byte[] csv = given().queryParam("format", "csv").get("/api/v1/plans/" + planId + "/ledger").then()
                .statusCode(200).extract().asByteArray();
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
        assertEquals(assignments + 1, lines.size());
        assertEquals("\uFEFF" + String.join(",", LedgerLabels.HEADERS), lines.get(0));
        assertEquals(String.join(",", lead), lines.get(1));

        given().get("/api/v1/plans/" + planId + "/statistics").then().statusCode(200)
                .body("taskCount", equalTo(28))
                .body("figures.assigned", equalTo(assignments))
                .body("figures.accepted", equalTo(1)).body("figures.completed", equalTo(1))
                .body("figures.completedOnTime", equalTo(leadOnTime ? 1 : 0)).body("figures.returned", equalTo(1))
                .body("figures.overdue", equalTo((int) overdueRows))
                .body("units[0].unitCode", equalTo("zsj")).body("units[0].rank", equalTo(1));
    }

    /** A token whose subject is {@code actor}: {@code unit:<code>} is that unit's operator, anything else the supervisor. */
    private static String tokenOf(String actor) {
        return actor.startsWith("unit:") ? TestKeys.token("unit-operator", actor.substring(5)) : TestKeys.token("supervisor");
    }

    private static void act(String assignment, String action, String body, String actor) {
        var req = given().auth().oauth2(tokenOf(actor)).contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        int status = req.post("/api/v1/assignments/" + assignment + "/" + action).then().extract().statusCode();
        assertEquals(2, status / 100, action + " answered " + status);
    }
}
