package org.duban.task.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger (台账) of the scripted plan read back as JSON, as CSV and as XLSX (with Apache POI). */
@QuarkusTest
class LedgerResourceTest {

    @Inject
    EntityManager em;

    ScriptedPlan plan;

    @BeforeEach
    void plan() throws Exception {
        plan = new ScriptedPlan(em);
    }

    private String ledgerUrl() {
        return "/api/v1/plans/" + plan.planId + "/ledger";
    }

    @Test
    void jsonHasOneRowPerTaskAndUnitInPlanOrderWithStatesLightsAndDates() {
        String u1 = plan.units[1], u2 = plan.units[2], u3 = plan.units[3], u4 = plan.units[4];
        given().get(ledgerUrl()).then().statusCode(200).contentType("application/json")
                .body("documentNumber", equalTo(plan.documentNumber))
                .body("asOf", equalTo(plan.today.toString()))
                .body("items.size()", equalTo(12))
                .body("items.unitCode", contains(u1, u2, u3, u4, u1, u2, u3, u4, u1, u2, u3, u4))
                .body("items.taskOrdinal", contains(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3))
                .body("items.sectionOrdinal", contains(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2))
                .body("items.state", contains("COMPLETED", "COMPLETED", "RETURNED", "ASSIGNED",
                        "IN_PROGRESS", "ACCEPTED", "ACCEPTED", "SUBMITTED",
                        "COMPLETED", "ASSIGNED", "IN_PROGRESS", "ACCEPTED"))
                .body("items.role", contains("LEAD", "RESPONSIBLE", "RESPONSIBLE", "RESPONSIBLE",
                        "LEAD", "RESPONSIBLE", "RESPONSIBLE", "RESPONSIBLE", "LEAD", "RESPONSIBLE", "RESPONSIBLE", "RESPONSIBLE"))
                // T1:u1 — its report and its completion (moved 14 days back)
                .body("items[0].section", equalTo("一、加强用权公开"))
                .body("items[0].workItem", equalTo("（一）加强权力配置信息公开"))
                .body("items[0].task", equalTo("做好权责清单动态调整工作。"))
                .body("items[0].lastProgress", equalTo("已完成梳理"))
                .body("items[0].lastProgressOn", equalTo(plan.today.toString()))
                .body("items[0].completedOn", equalTo(plan.today.minusDays(14).toString()))
                .body("items[0].light", nullValue())
                .body("items[0].workingDaysLeft", nullValue())
                // T1:u4 untouched: green, days left; T2:u1 overdue: red, days overdue
                .body("items[3].light", equalTo("GREEN"))
                .body("items[3].workingDaysLeft", greaterThan(30))
                .body("items[3].overdueWorkingDays", nullValue())
                .body("items[4].light", equalTo("RED"))
                .body("items[4].overdueWorkingDays", greaterThan(5))
                .body("items[4].workingDaysLeft", nullValue())
                .body("items[4].progressPercent", equalTo(30))
                .body("items[4].deadline", equalTo(plan.today.minusDays(10).toString()))
                .body("items[7].light", equalTo("GREEN"))
                .body("items[9].light", equalTo("RED"));
    }

    @Test
    void filtersAreThoseOfTheAssignmentList() {
        given().queryParam("light", "red").get(ledgerUrl()).then().statusCode(200)
                .body("items.assignmentId", containsInAnyOrder(plan.assignments.get("T2:u1"), plan.assignments.get("T3:u2")));
        given().queryParam("unit", plan.units[3]).queryParam("state", "ACCEPTED").get(ledgerUrl()).then().statusCode(200)
                .body("items.assignmentId", contains(plan.assignments.get("T2:u3")));
        given().queryParam("light", "purple").get(ledgerUrl()).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("light"));
        given().queryParam("format", "pdf").get(ledgerUrl()).then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
        given().get("/api/v1/plans/" + UUID.randomUUID() + "/ledger").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void csvIsUtf8WithBomChineseHeadersAndTheRows() {
        ExtractableResponse<Response> r = given().queryParam("format", "csv").get(ledgerUrl()).then().statusCode(200)
                .contentType("text/csv").extract();
        assertTrue(r.header("Content-Disposition").startsWith("attachment;"), r.header("Content-Disposition"));
        byte[] bytes = r.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals(13, lines.size());
        assertEquals(String.join(",", LedgerLabels.HEADERS), lines.get(0));
        List<String> first = Arrays.asList(lines.get(1).split(",", -1));
        assertEquals(List.of("1", "一、加强用权公开", "（一）加强权力配置信息公开", "做好权责清单动态调整工作。"), first.subList(0, 4));
        assertEquals(plan.units[1], first.get(5));
        assertEquals(List.of("牵头", "已办结", ""), first.subList(6, 9));
        assertEquals(List.of("50", "已完成梳理", plan.today.toString(), plan.today.minusDays(14).toString()),
                first.subList(12, 16));
        List<String> overdue = Arrays.asList(lines.get(5).split(",", -1));
        assertEquals(List.of("责任", "办理中", "红灯"), List.of("责任", overdue.get(7), overdue.get(8)));
        assertEquals("牵头", overdue.get(6));
        assertEquals("", overdue.get(10));
        assertTrue(Integer.parseInt(overdue.get(11)) > 5);
    }

    @Test
    void xlsxHasChineseHeadersAFrozenHeaderRowWidthsAndTheLightAsColour() throws Exception {
        ExtractableResponse<Response> r = given().queryParam("format", "xlsx").get(ledgerUrl()).then().statusCode(200)
                .contentType(LedgerResource.XLSX).extract();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.asByteArray()))) {
            XSSFSheet sheet = wb.getSheet("台账");
            DataFormatter fmt = new DataFormatter();
            assertEquals(12, sheet.getLastRowNum());
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertEquals(List.of(LedgerLabels.HEADERS), headers);
            assertTrue(sheet.getPaneInformation().isFreezePane());
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            assertTrue(sheet.getColumnWidth(3) > sheet.getColumnWidth(0) * 5, "the task column is wide");

            XSSFRow t1u1 = sheet.getRow(1);
            assertEquals("做好权责清单动态调整工作。", t1u1.getCell(3).getStringCellValue());
            assertEquals("已办结", t1u1.getCell(7).getStringCellValue());
            assertEquals(plan.today.minusDays(14), t1u1.getCell(15).getLocalDateTimeCellValue().toLocalDate());
            assertEquals(plan.deadline.toString(), fmt.formatCellValue(t1u1.getCell(9)));
            assertEquals(50, (int) t1u1.getCell(12).getNumericCellValue());

            Map<Integer, String> colours = Map.of(4, "FFC7CE", 8, "C6EFCE", 10, "FFC7CE", 12, "FFEB9C");
            XSSFCell red = sheet.getRow(5).getCell(8);
            assertEquals("红灯", red.getStringCellValue());
            assertEquals("办理中", sheet.getRow(5).getCell(7).getStringCellValue());
            assertTrue(sheet.getRow(5).getCell(11).getNumericCellValue() > 5);
            assertEquals("FFC7CE", rgb(red));
            XSSFCell green = sheet.getRow(4).getCell(8);
            assertEquals("绿灯", green.getStringCellValue());
            assertEquals("C6EFCE", rgb(green));
            assertEquals("", fmt.formatCellValue(t1u1.getCell(8)), "a closed assignment has no light");
            assertTrue(colours.size() > 0);
        }
    }

    private static String rgb(XSSFCell cell) {
        byte[] argb = cell.getCellStyle().getFillForegroundXSSFColor().getRGB();
        StringBuilder s = new StringBuilder();
        for (byte b : argb) {
            s.append(String.format("%02X", b));
        }
        return s.substring(s.length() - 6);
    }
}
