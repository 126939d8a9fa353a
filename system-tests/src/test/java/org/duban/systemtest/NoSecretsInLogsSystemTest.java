package org.duban.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No bearer token and no webhook secret in any log line (issue 15): a full flow across the three
 * processes — units, a webhook endpoint and its signing secret, a task, its notification delivered by
 * webhook and read over SSE, a plan import (whose caller's token task-service forwards to the
 * registry) — then every line of every service log of this run (system-tests/target/service-logs,
 * the prod profile's JSON lines) is searched ({@link LogScan}) for the tokens used, anything shaped
 * like a JWT, the endpoint's secret and DUBAN_WEBHOOKS_SECRET_KEY.
 */
class NoSecretsInLogsSystemTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void noTokenNorWebhookSecretAppearsInAnyLogLineOfAFullRun() throws Exception {
        List<String> secrets = new ArrayList<>();
        String supervisor = TestKeys.token("supervisor");
        secrets.add(supervisor);
        secrets.add(TestKeys.webhookSecretKey());

        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " signature=" + exchange.getRequestHeaders().getFirst("webhook-signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            // webhooks to this machine need the loopback allowed: notification-service restarted for it
            suite.use(Map.of(Service.NOTIFICATION, Map.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8")));

            String code = Api.newCode("zsj");
            api.createUnit(code, "珠海市政务服务数据管理局" + code);
            String operator = TestKeys.token("unit-operator", code);
            secrets.add(operator);
            String secret = given().contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:%d/hook\",\"unitCode\":\"%s\"}".formatted(receiver.getAddress().getPort(), code))
                    .post(suite.url(Service.NOTIFICATION) + "/webhooks").then().statusCode(201).extract().path("secret");
            secrets.add(secret);
            secrets.add(secret.substring(secret.indexOf('_') + 1)); // the key without its whsec_ prefix

            // the unit's operator listens on the SSE stream with its own token
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(
                            suite.url(Service.NOTIFICATION) + "/units/" + code + "/notifications/stream"))
                    .header("Authorization", "Bearer " + operator).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, stream.statusCode());
            CompletableFuture<Boolean> streamed = CompletableFuture.supplyAsync(() -> {
                try (Stream<String> lines = stream.body()) {
                    return lines.anyMatch(l -> l.startsWith("data:") && l.contains("日志不含令牌"));
                }
            });

            String taskId = api.createTaskForNewUnits("日志不含令牌与密钥", code);
            await().atMost(Duration.ofSeconds(30)).until(() -> hooks.size() == 1);
            assertTrue(hooks.get(0).contains(taskId) && !hooks.get(0).endsWith("signature=null"), hooks.get(0));
            assertTrue(streamed.get(30, java.util.concurrent.TimeUnit.SECONDS), "the notification arrived on the SSE stream");
            given().auth().oauth2(operator).get(suite.url(Service.NOTIFICATION) + "/units/" + code + "/notifications")
                    .then().statusCode(200);

            // a plan import: task-service calls the registry with the caller's Authorization header
            api.ensureZhuhai();
            String plan = Files.readString(suite.root.resolve("seed/zhuhai-2020-openness-plan.txt"), StandardCharsets.UTF_8);
            given().contentType("text/plain; charset=UTF-8").body(plan).post(suite.url(Service.TASK) + "/plan-imports")
                    .then().statusCode(201);
        } finally {
            receiver.stop(0);
            // restarted with the suite's own settings now, not by the next test: the scan below reads the
            // shutdown lines of the run with loopback targets too
            suite.use(Map.of(Service.NOTIFICATION, Map.of()));
        }

        List<String> findings = new ArrayList<>();
        int lines = 0;
        int json = 0;
        List<Path> logs;
        try (Stream<Path> files = Files.list(suite.logs)) {
            logs = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        for (Path log : logs) {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines += all.size();
            json += (int) all.stream().filter(l -> LogScan.decoded(l) != null).count();
            LogScan.findings(all, secrets).forEach(f -> findings.add(log.getFileName() + " " + f));
        }
        for (Service s : Service.values()) {
            assertTrue(logs.contains(suite.process(s).log()), s.module + "'s log was searched");
        }
        assertTrue(json > 100, "the processes log JSON lines in the prod profile (" + json + " of " + lines + ")");
        assertEquals(List.of(), findings, "secrets in the logs of " + suite.logs);
    }
}
