package org.duban.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: how long from "POST /tasks answered 201" to the unit's SSE event and to its signed
 * webhook call, one task at a time (the channels that reach people and systems, not the inbox).
 * A measurement, not a harness: run with {@code -Dgroups=benchmark -Dduban.excludedGroups=none
 * -Dtest=PushLatencyBenchmark}; results are appended to system-tests/target/benchmarks.txt.
 */
@Tag("benchmark")
class PushLatencyBenchmark {

    static final int WARMUP = 5;
    static final int RUNS = 60;
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\":\"([0-9a-f-]{36})\"");

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void taskCreatedToSseEventAndWebhookCall() throws Exception {
        Map<String, Long> webhookAt = new ConcurrentHashMap<>();
        Map<String, Long> sseAt = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TASK_ID.matcher(body);
            if (m.find()) {
                webhookAt.putIfAbsent(m.group(1), now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        suite.process(Service.NOTIFICATION).stop();
        suite.start(Service.NOTIFICATION, Map.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8"));
        suite.awaitReady(Service.NOTIFICATION);
        Thread sse = null;
        try {
            String code = Api.newCode("push");
            api.createUnit(code, "推送基准单位" + code);
            given().contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:%d/hook\",\"unitCode\":\"%s\"}".formatted(receiver.getAddress().getPort(), code))
                    .post(suite.url(Service.NOTIFICATION) + "/webhooks").then().statusCode(201);
            CountDownLatch open = new CountDownLatch(1);
            sse = new Thread(() -> listen(code, sseAt, open), "bench-sse");
            sse.setDaemon(true);
            sse.start();
            assertTrue(open.await(30, TimeUnit.SECONDS), "stream open");
            api.createTaskForNewUnits("预热", code);

            List<Double> sseMs = new ArrayList<>();
            List<Double> hookMs = new ArrayList<>();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                String taskId = api.postTask("推送基准任务" + i, code).then().statusCode(201).extract().path("id");
                long t0 = System.nanoTime();
                while (!(sseAt.containsKey(taskId) && webhookAt.containsKey(taskId))) {
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new AssertionError("task " + i + ": SSE " + sseAt.containsKey(taskId) + ", webhook "
                                + webhookAt.containsKey(taskId) + " after 30 s");
                    }
                    Thread.sleep(1);
                }
                if (i >= WARMUP) {
                    sseMs.add(Math.max(0, sseAt.get(taskId) - t0) / 1e6);
                    hookMs.add(Math.max(0, webhookAt.get(taskId) - t0) / 1e6);
                }
            }
            write(line("task created -> SSE event", sseMs));
            write(line("task created -> webhook call", hookMs));
        } finally {
            if (sse != null) {
                sse.interrupt();
            }
            receiver.stop(0);
            suite.process(Service.NOTIFICATION).stop();
            suite.start(Service.NOTIFICATION, Map.of());
            suite.awaitReady(Service.NOTIFICATION);
        }
    }

    private void listen(String code, Map<String, Long> sseAt, CountDownLatch open) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(suite.url(Service.NOTIFICATION) + "/units/" + code
                            + "/notifications/stream"))
                    .header("Authorization", "Bearer " + TestKeys.token("supervisor"))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<Stream<String>> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofLines());
            open.countDown();
            res.body().forEach(l -> {
                if (l.startsWith("data:")) {
                    long now = System.nanoTime();
                    Matcher m = TASK_ID.matcher(l);
                    if (m.find()) {
                        sseAt.putIfAbsent(m.group(1), now);
                    }
                }
            });
        } catch (IOException | InterruptedException e) {
            // closed at the end of the run
        }
    }

    private static String line(String what, List<Double> ms) {
        Collections.sort(ms);
        return String.format("%s: n=%d p50=%.0f ms p95=%.0f ms p99=%.0f ms max=%.0f ms", what, ms.size(),
                pct(ms, 50), pct(ms, 95), pct(ms, 99), ms.get(ms.size() - 1));
    }

    private void write(String line) throws IOException {
        System.out.println(line);
        Path out = suite.root.resolve("system-tests/target/benchmarks.txt");
        Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
