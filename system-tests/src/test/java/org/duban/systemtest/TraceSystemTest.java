package org.duban.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Issue 15: with tracing switched on (QUARKUS_OTEL_SDK_DISABLED=false, an OTLP endpoint), a task
 * created with a caller's {@code traceparent} reaches the unit's webhook receiver in the same
 * trace — across task-service, its outbox, Kafka and notification-service's delivery worker — and
 * the spans are exported to the configured collector.
 */
class TraceSystemTest {

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void aTaskPostedWithATraceparentReachesTheWebhookReceiverInTheSameTrace() throws Exception {
        // an OTLP/HTTP collector stand-in: accepts every export
        AtomicInteger exports = new AtomicInteger();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                exports.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        List<String> traceparents = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(2));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> tracing = Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        Map<String, String> notificationEnv = new java.util.HashMap<>(tracing);
        notificationEnv.put("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8");
        try {
            // both restarted together with tracing on
            suite.use(Map.of(Service.TASK, tracing, Service.NOTIFICATION, notificationEnv));

            String code = Api.newCode("sfj");
            api.createUnit(code, "珠海市司法局" + code);
            given().contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:%d/hook\",\"unitCode\":\"%s\"}".formatted(receiver.getAddress().getPort(), code))
                    .post(suite.url(Service.NOTIFICATION) + "/webhooks").then().statusCode(201);

            String traceId = hex(16);
            String traceparent = "00-" + traceId + "-" + hex(8) + "-01";
            Response[] created = new Response[1];
            // task-service learns the new unit from duban.units: a 422 until it has
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> {
                created[0] = given().contentType(ContentType.JSON).header("traceparent", traceparent)
                        .body("{\"title\":\"链路追踪\",\"deadline\":\"2020-12-31\",\"unitCodes\":[\"%s\"]}".formatted(code))
                        .post(suite.url(Service.TASK) + "/tasks");
                return created[0].statusCode() != 422;
            });
            created[0].then().statusCode(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> !traceparents.isEmpty());
            String got = traceparents.get(0);
            assertNotNull(got);
            assertEquals(traceId, got.split("-")[1],
                    "the webhook receiver's traceparent (" + got + ") continues the POST's trace " + traceId);
            // and the spans went to the configured collector
            await().atMost(Duration.ofSeconds(10)).until(() -> exports.get() > 0);
        } finally {
            receiver.stop(0);
            // the next test's Suite.get() starts the two with the suite's own settings again (tracing off,
            // no loopback webhook targets)
            collector.stop(0);
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
