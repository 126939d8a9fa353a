package org.duban.systemtest;

import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * How long from "POST /tasks answered 201" to "the notification is in the unit's inbox", across
 * the three processes, Kafka and PostgreSQL. Not part of the test command: run with
 * {@code ./mvnw -B verify -pl system-tests -am -DskipTests=false -Dgroups=benchmark -Dduban.excludedGroups=none}
 * (see docs/benchmarks.md). Results go to system-tests/target/benchmarks.txt.
 */
@Tag("benchmark")
class NotificationLatencyBenchmark {

    static final int WARMUP = 10;
    static final int RUNS = 100;

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void taskCreatedToInboxLatency() throws IOException {
        String code = Api.newCode("bench");
        api.createUnit(code, "基准测试单位" + code);
        api.createTaskForNewUnits("预热", code);

        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            String taskId = api.postTask("基准任务" + i, code).then().statusCode(201).extract().path("id");
            long t0 = System.nanoTime();
            while (!taskId.equals(latestTaskId(code))) {
                if (System.nanoTime() - t0 > 30_000_000_000L) {
                    throw new AssertionError("notification for task " + i + " did not arrive within 30 s");
                }
                Thread.onSpinWait();
            }
            if (i >= WARMUP) {
                millis.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(millis);
        String line = String.format("task created -> inbox: n=%d p50=%.0f ms p95=%.0f ms max=%.0f ms",
                RUNS, pct(millis, 50), pct(millis, 95), millis.get(millis.size() - 1));
        System.out.println(line);
        Path out = suite.root.resolve("system-tests/target/benchmarks.txt");
        Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private String latestTaskId(String code) {
        return given().queryParam("limit", 1).get(suite.url(Service.NOTIFICATION) + "/units/" + code + "/notifications")
                .then().statusCode(200).extract().path("items[0].taskId");
    }

    private static double pct(List<Double> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, idx));
    }
}
