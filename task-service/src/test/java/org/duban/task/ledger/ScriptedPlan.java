package org.duban.task.ledger;

import org.duban.testsupport.security.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import org.duban.task.time.ClockProducer;
import org.duban.task.unit.RegistryUnits;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A small published plan (2 sections, 3 tasks x 4 units: u1 leads, u2..u4 are responsible) with a scripted
 * history of reports, completions, a return and an extension request, for the ledger and statistics tests.
 * Dates that the API cannot set in the past (late completion, overdue, earlier completions) are moved by SQL.
 *
 * <pre>
 *        u1 (牵头)                 u2                         u3                     u4
 * T1     COMPLETED on time         COMPLETED late             RETURNED               ASSIGNED
 *        (closed today-14,         (deadline today-10,
 *         report 50% 已完成梳理)    closed today-7)
 * T2     IN_PROGRESS 30%, overdue  ACCEPTED                   ACCEPTED + extension   SUBMITTED (80%)
 *        (deadline today-10)                                  request (pending)
 * T3     COMPLETED on time (today) ASSIGNED, overdue          IN_PROGRESS 10%        ACCEPTED
 *                                  (deadline today-3)
 * </pre>
 * T1 and T2 are in section 一, T3 in section 二.
 */
public final class ScriptedPlan {

    public final String planId;
    public final String documentNumber;
    public final String[] units = new String[5]; // units[1..4]
    public final LocalDate today = LocalDate.now(ClockProducer.ZONE);
    public final LocalDate deadline = today.plusDays(60);
    /** "T1:u1" -> assignment id. */
    public final Map<String, String> assignments = new HashMap<>();

    public ScriptedPlan(EntityManager em) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String[] names = {null, "珠海市政务服务数据管理局", "珠海市司法局", "珠海市财政局", "珠海市香洲区人民政府"};
        for (int i = 1; i <= 4; i++) {
            units[i] = "u" + i + "-" + suffix;
            RegistryUnits.seed(units[i], names[i] + suffix);
        }
        documentNumber = "珠府办〔2026〕" + suffix + "号";
        String resp = "[\"" + units[2] + "\",\"" + units[3] + "\",\"" + units[4] + "\"]";
        String task = "{\"text\":\"%s\",\"deadline\":\"" + deadline + "\",\"leadUnitCode\":\"" + units[1]
                + "\",\"responsibleUnitCodes\":" + resp + "}";
        String body = "{\"documentNumber\":\"" + documentNumber + "\",\"title\":\"珠海市2026年政务公开工作要点分工方案\","
                + "\"year\":" + today.getYear() + ",\"sections\":["
                + "{\"title\":\"一、加强用权公开\",\"workItems\":[{\"title\":\"（一）加强权力配置信息公开\",\"tasks\":["
                + task.formatted("做好权责清单动态调整工作。") + "," + task.formatted("推进行政执法公示制度。") + "]}]},"
                + "{\"title\":\"二、提升政务公开平台效能\",\"workItems\":[{\"title\":\"（二）加强政府网站建设\",\"tasks\":["
                + task.formatted("全市政府网站全部支持互联网协议第6版。") + "]}]}]}";
        planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plans").then().statusCode(201)
                .extract().path("id");
        JsonNode published = json.readTree(given()
                .post("/api/v1/plans/" + planId + "/publish").then().statusCode(200).extract().asString());
        for (JsonNode s : published.get("sections")) {
            for (JsonNode w : s.get("workItems")) {
                for (JsonNode t : w.get("tasks")) {
                    for (JsonNode a : t.get("assignments")) {
                        int u = java.util.Arrays.asList(units).indexOf(a.get("unitCode").asText());
                        assignments.put("T" + t.get("ordinal").asInt() + ":u" + u, a.get("id").asText());
                    }
                }
            }
        }
        if (assignments.size() != 12) {
            throw new IllegalStateException("expected 12 assignments, got " + assignments);
        }

        unit("T1:u1", "accept", null);
        unit("T1:u1", "progress-reports", "{\"summary\":\"已完成梳理\",\"percent\":50}");
        unit("T1:u1", "submit", null);
        supervisor("T1:u1", "complete");
        unit("T1:u2", "accept", null);
        unit("T1:u2", "submit", null);
        supervisor("T1:u2", "complete");
        unit("T1:u3", "return", "{\"reason\":\"该事项不属于本单位职责\"}");

        unit("T2:u1", "accept", null);
        unit("T2:u1", "progress-reports", "{\"summary\":\"正在推进\",\"percent\":30}");
        unit("T2:u2", "accept", null);
        unit("T2:u3", "accept", null);
        unit("T2:u3", "extension-requests", "{\"reason\":\"需待省平台上线\",\"newDeadline\":\"" + deadline.plusDays(30) + "\"}");
        unit("T2:u4", "accept", null);
        unit("T2:u4", "progress-reports", "{\"summary\":\"基本完成\",\"percent\":80}");
        unit("T2:u4", "submit", null);

        unit("T3:u1", "accept", null);
        unit("T3:u1", "submit", null);
        supervisor("T3:u1", "complete");
        unit("T3:u3", "accept", null);
        unit("T3:u3", "progress-reports", "{\"summary\":\"已启动\",\"percent\":10}");
        unit("T3:u4", "accept", null);

        OffsetDateTime now = OffsetDateTime.now(ClockProducer.ZONE);
        QuarkusTransaction.requiringNew().run(() -> {
            set(em, "T1:u1", "closed_at = ?2", now.minusDays(14));
            set(em, "T1:u2", "deadline = ?2", today.minusDays(10));
            set(em, "T1:u2", "closed_at = ?2", now.minusDays(7));
            set(em, "T2:u1", "deadline = ?2", today.minusDays(10));
            set(em, "T3:u2", "deadline = ?2", today.minusDays(3));
        });
    }

    private void set(EntityManager em, String key, String assignment, Object value) {
        em.createNativeQuery("UPDATE assignment SET " + assignment + " WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, assignments.get(key)).setParameter(2, value).executeUpdate();
    }

    public String unitOf(String key) {
        return units[key.charAt(key.length() - 1) - '0'];
    }

    private void unit(String key, String action, String body) {
        act(key, action, body, TestKeys.token("unit-operator", unitOf(key)));
    }

    private void supervisor(String key, String action) {
        act(key, action, null, TestKeys.token("supervisor"));
    }

    private void act(String key, String action, String body, String token) {
        var req = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        int status = req.post("/api/v1/assignments/" + assignments.get(key) + "/" + action).then().extract().statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException(key + " " + action + " answered " + status);
        }
    }
}
