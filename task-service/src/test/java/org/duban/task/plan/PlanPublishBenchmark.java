package org.duban.task.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * How long publishing the seed plan takes (28 tasks, 451 assignments, 451 task.assigned + 1 plan.published
 * outbox rows, history rows and reminder rows, one transaction), and how long the lists that compute
 * lights in SQL take once 10 such plans are live (4,510 assignments). Through HTTP, against the real
 * PostgreSQL. Run:
 * {@code ./mvnw -B test -pl task-service -Dgroups=benchmark -Dduban.excludedGroups=none -Dtest=PlanPublishBenchmark}.
 * Results are printed and appended to target/benchmarks.txt.
 */
@QuarkusTest
@Tag("benchmark")
class PlanPublishBenchmark {

    static final int PLANS = 10;
    static final int QUERIES = 50;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void publishTheSeedPlanAndQueryByLight() throws Exception {
        JsonNode fixture = SeedPlanFixture.loadWithUnits();
        List<Long> publish = new ArrayList<>();
        for (int i = 0; i < PLANS + 2; i++) {
            ObjectNode plan = SeedPlanFixture.planBody(fixture);
            plan.put("documentNumber", "珠府办〔2020〕9号-bench-" + UUID.randomUUID().toString().substring(0, 8));
            String id = given().contentType(ContentType.JSON).body(json.writeValueAsString(plan))
                    .post("/api/v1/plans").then().statusCode(201).extract().path("id");
            long t0 = System.nanoTime();
            given().post("/api/v1/plans/" + id + "/publish").then().statusCode(200);
            if (i >= 2) { // two warm-up plans
                publish.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        String p = summary(publish);
        String work = time(() -> given().get("/api/v1/units/szfb/work?limit=50").then().statusCode(200).extract().asString());
        String yellow = time(() -> given().get("/api/v1/assignments?light=YELLOW&limit=50").then().statusCode(200).extract().asString());
        String tasksRed = time(() -> given().get("/api/v1/tasks?light=RED&tag=六稳&limit=50").then().statusCode(200).extract().asString());
        String line = "PlanPublishBenchmark: publish seed plan (28 tasks, 451 assignments) n=" + PLANS + " " + p
                + "; with " + (PLANS + 2) + " plans live: GET /units/szfb/work?limit=50 " + work
                + "; GET /assignments?light=YELLOW&limit=50 " + yellow
                + "; GET /tasks?light=RED&tag=六稳&limit=50 " + tasksRed;
        System.out.println(line);
        Files.writeString(Path.of("target", "benchmarks.txt"), java.time.LocalDate.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String time(Supplier<String> call) {
        for (int i = 0; i < 5; i++) {
            call.get();
        }
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            long t0 = System.nanoTime();
            call.get();
            ms.add((System.nanoTime() - t0) / 1_000_000);
        }
        return "n=" + QUERIES + " " + summary(ms);
    }

    private static String summary(List<Long> ms) {
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        return "p50=" + s.get(s.size() / 2) + " ms p95=" + s.get((int) Math.ceil(s.size() * 0.95) - 1) + " ms max="
                + s.get(s.size() - 1) + " ms";
    }
}
