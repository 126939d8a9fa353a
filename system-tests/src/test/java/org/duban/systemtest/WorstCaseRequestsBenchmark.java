package org.duban.systemtest;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worst request a caller can make of each operation whose work a caller's number used to size
 * without a bound (issue 12), timed over HTTP against the suite's processes:
 * <ul>
 * <li>the widest date span: GET /calendar/working-days from 2000-01-01 to 2100-12-31 (the whole accepted
 *     range; 0001-01-01..9999-12-31 took 0.7 s when the calendar walked day by day, now it is a 400);</li>
 * <li>the longest phrase: POST /resolutions with one 2,000-character chain of conjunctions that fails at
 *     its end (18 conjunctions took 0.3 s, ×1.5 per conjunction), and the largest request, 10 of them
 *     (20,000 characters);</li>
 * <li>the farthest deadline: anonymous GET /public/plans/{id} of a published plan of 100 tasks, every
 *     deadline 2100-12-31 (9999-12-20 took 0.5–1 s per request).</li>
 * </ul>
 * Each: 20 warm-up requests, then 200 timed (client-side, request sent to body read); p50/p99/max go to
 * system-tests/target/benchmarks.txt. Not part of the test command: run with
 * {@code ./mvnw -B verify -pl system-tests -am -Dgroups=benchmark -Dduban.excludedGroups=none
 * -Dtest=WorstCaseRequestsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class WorstCaseRequestsBenchmark {

    static final int WARMUP = 20;
    static final int RUNS = 200;
    static final String WORST_PHRASE = "市司法局和市财政局及".repeat(199) + "市司法局和市财政局火";

    final Suite suite = Suite.get();
    final Api api = new Api(suite);
    final HttpClient http = HttpClient.newHttpClient();
    final String token = org.duban.testsupport.security.TestKeys.token("supervisor");

    @Test
    void worstCasesOfTheFormerlyUnboundedOperations() throws Exception {
        api.ensureZhuhai();
        assertEquals(2000, WORST_PHRASE.length());
        List<String> lines = new ArrayList<>();

        // beside each worst case, the same request at its smallest: what HTTP, the token and JSON cost alone
        lines.add(measure("working days 2020-01-01..2020-01-02 (baseline)", () -> get(
                suite.url(Service.TASK) + "/calendar/working-days?from=2020-01-01&to=2020-01-02", true)));
        lines.add(measure("working days 2000-01-01..2100-12-31", () -> get(
                suite.url(Service.TASK) + "/calendar/working-days?from=2000-01-01&to=2100-12-31", true)));

        lines.add(measure("resolve one phrase 市司法局 (baseline)",
                () -> post(suite.url(Service.REGISTRY) + "/resolutions", "{\"phrases\":[\"市司法局\"]}")));
        String one = "{\"phrases\":[\"" + WORST_PHRASE + "\"]}";
        lines.add(measure("resolve one 2,000-character phrase", () -> post(suite.url(Service.REGISTRY) + "/resolutions", one)));
        String ten = "{\"phrases\":[" + String.join(",", Collections.nCopies(10, "\"" + WORST_PHRASE + "\"")) + "]}";
        lines.add(measure("resolve 10 such phrases (20,000 characters)",
                () -> post(suite.url(Service.REGISTRY) + "/resolutions", ten)));

        String nearId = plan("2020-12-31");
        lines.add(measure("public progress, 100 tasks due 2020-12-31 (baseline)",
                () -> get(suite.url(Service.TASK) + "/public/plans/" + nearId, false)));
        String planId = plan("2100-12-31");
        lines.add(measure("public progress, 100 tasks due 2100-12-31",
                () -> get(suite.url(Service.TASK) + "/public/plans/" + planId, false)));

        Path out = suite.root.resolve("system-tests/target/benchmarks.txt");
        Files.createDirectories(out.getParent());
        for (String line : lines) {
            System.out.println(line);
            Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private String plan(String deadline) {
        StringBuilder tasks = new StringBuilder();
        String[] units = {"sfj", "zsj", "xzq", "czj"};
        for (int i = 0; i < 100; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"text\":\"远期任务").append(i)
                    .append("，2100年底前完成。\",\"leadUnitCode\":\"").append(units[i % units.length])
                    .append("\",\"deadline\":\"").append(deadline).append("\"}");
        }
        String body = """
                {"documentNumber":"珠督基〔2020〕%s号","title":"远期截止基准方案","year":2020,"defaultDeadline":"%s",
                 "sections":[{"title":"一、远期任务","workItems":[{"title":"（一）远期","tasks":[%s]}]}]}
                """.formatted(UUID.randomUUID().toString().substring(0, 6), deadline, tasks);
        JsonPath published = api.createAndPublishPlan(body);
        String id = published.getString("id");
        given().auth().none().accept(ContentType.JSON).get(suite.url(Service.TASK) + "/public/plans/" + id)
                .then().statusCode(200);
        return id;
    }

    private Supplier<Integer> get(String url, boolean withToken) {
        return () -> send(builder(url, withToken).GET().build());
    }

    private Supplier<Integer> post(String url, String json) {
        return () -> send(builder(url, true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder builder(String url, boolean withToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        return withToken ? b.header("Authorization", "Bearer " + token) : b;
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String measure(String what, Supplier<Supplier<Integer>> request) {
        Supplier<Integer> call = request.get();
        for (int i = 0; i < WARMUP; i++) {
            assertEquals(200, call.get(), what);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            int status = call.get();
            millis.add((System.nanoTime() - t0) / 1e6);
            assertEquals(200, status, what);
        }
        Collections.sort(millis);
        return String.format("%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", what, RUNS,
                millis.get(RUNS / 2), millis.get((int) Math.ceil(RUNS * 0.99) - 1), millis.get(RUNS - 1));
    }
}
