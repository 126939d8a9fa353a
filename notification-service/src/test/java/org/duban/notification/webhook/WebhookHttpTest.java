package org.duban.notification.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook HTTP call on its own, against Vert.x servers in the test: it connects to the address
 * given, while Host, SNI and the certificate check use the URL's host (here a name no DNS knows, so
 * any lookup would fail); it reads at most the limit of an answer and follows no redirect.
 */
class WebhookHttpTest {

    static final String HOST = "oa.duban.test";
    static Vertx vertx;
    static Path certDir;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certDir = tmp;
        // a self-signed certificate for oa.duban.test only
        run("keytool", "-genkeypair", "-alias", "oa", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-validity", "2",
                "-keystore", tmp.resolve("oa.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        run("keytool", "-exportcert", "-rfc", "-alias", "oa", "-keystore", tmp.resolve("oa.p12").toString(),
                "-storepass", "changeit", "-file", tmp.resolve("oa.pem").toString());
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    private static HttpServer listen(HttpServerOptions options, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> h) {
        return vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(h)
                .listen().toCompletionStage().toCompletableFuture().join();
    }

    private static WebhookHttp client(int maxBytes) {
        HttpClientOptions trust = new HttpClientOptions()
                .setTrustOptions(new PemTrustOptions().addCertPath(certDir.resolve("oa.pem").toString()));
        return new WebhookHttp(vertx, trust, Duration.ofSeconds(5), maxBytes);
    }

    private static TargetValidator.Target target(String scheme, String host, int port) throws Exception {
        return new TargetValidator.Target(URI.create(scheme + "://" + host + ":" + port + "/hook?x=1"), host, port,
                scheme.equals("https"), "/hook?x=1", List.of(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void tlsGoesToTheCheckedAddressWithTheUrlsHostForSniHostAndCertificate() throws Exception {
        AtomicReference<String> sni = new AtomicReference<>();
        AtomicReference<String> hostHeader = new AtomicReference<>();
        AtomicReference<String> uri = new AtomicReference<>();
        HttpServer server = listen(new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(certDir.resolve("oa.p12").toString()).setPassword("changeit")), req -> {
            sni.set(req.connection().indicatedServerName());
            hostHeader.set(req.getHeader("Host"));
            uri.set(req.uri());
            req.body().onSuccess(b -> req.response().setStatusCode(204).end());
        });
        try (WebhookHttp http = client(65536)) {
            WebhookHttp.Answer a = http.post(target("https", HOST, server.actualPort()),
                    InetAddress.getByName("127.0.0.1"), Map.of("webhook-id", "msg_1"), "{}");
            assertEquals(204, a.status());
            assertEquals(HOST, sni.get());
            assertEquals(HOST + ":" + server.actualPort(), hostHeader.get());
            assertEquals("/hook?x=1", uri.get());

            // the same server for a URL with another host: its certificate does not match, no call
            WebhookHttp.Failed f = assertThrows(WebhookHttp.Failed.class, () -> http.post(
                    target("https", "other.duban.test", server.actualPort()), InetAddress.getByName("127.0.0.1"), Map.of(), "{}"));
            assertEquals("the TLS handshake failed (certificate or protocol)", f.getMessage());
        } finally {
            server.close();
        }
    }

    @Test
    void callsToOneCheckedAddressReuseKeptConnections() throws Exception {
        java.util.Set<io.vertx.core.http.HttpConnection> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicReference<io.vertx.core.http.HttpConnection> otherHost = new AtomicReference<>();
        HttpServer server = listen(new HttpServerOptions(), req -> {
            if (req.getHeader("Host").startsWith("other.duban.test")) {
                otherHost.set(req.connection());
            } else {
                connections.add(req.connection());
            }
            req.body().onSuccess(b -> req.response().setStatusCode(204).end());
        });
        int calls = 10;
        try (WebhookHttp http = client(65536)) {
            for (int i = 0; i < calls; i++) {
                WebhookHttp.Answer a = http.post(target("http", HOST, server.actualPort()),
                        InetAddress.getByName("127.0.0.1"), Map.of("webhook-id", "msg_" + i), "{}");
                assertEquals(204, a.status());
            }
            // without keep-alive every call opens its own connection; kept, at most the pool's five
            // (a call may start before the previous one's connection is back in the pool)
            assertTrue(connections.size() <= 5, connections.size() + " connections for " + calls + " calls");

            // another URL host on the same address is another pool entry: never a connection of the first host
            assertEquals(204, http.post(target("http", "other.duban.test", server.actualPort()),
                    InetAddress.getByName("127.0.0.1"), Map.of(), "{}").status());
            assertFalse(connections.contains(otherHost.get()));
        } finally {
            server.close();
        }
    }

    @Test
    void anEndlessAnswerIsCutAtTheLimitAndTheConnectionClosed() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        Buffer chunk = Buffer.buffer("x".repeat(8192));
        HttpServer server = listen(new HttpServerOptions(), req -> {
            HttpServerResponse resp = req.response().setChunked(true).setStatusCode(500);
            req.connection().closeHandler(v -> closed.set(true));
            long timer = vertx.setPeriodic(1, id -> {
                if (closed.get()) {
                    vertx.cancelTimer(id);
                } else if (!resp.writeQueueFull()) {
                    resp.write(chunk);
                }
            });
            resp.closeHandler(v -> vertx.cancelTimer(timer));
        });
        try (WebhookHttp http = client(65536)) {
            WebhookHttp.Answer a = http.post(target("http", HOST, server.actualPort()),
                    InetAddress.getByName("127.0.0.1"), Map.of(), "{}");
            assertEquals(500, a.status());
            assertTrue(a.truncated());
            assertEquals(65536, a.body().length());
            await().atMost(Duration.ofSeconds(5)).untilTrue(closed);
        } finally {
            server.close();
        }
    }

    @Test
    void aRedirectIsNotFollowedAndAShortAnswerIsReadWhole() throws Exception {
        HttpServer server = listen(new HttpServerOptions(), req -> req.response().setStatusCode(302)
                .putHeader("Location", "http://169.254.169.254/latest/meta-data").putHeader("Retry-After", "7")
                .end("去别处"));
        try (WebhookHttp http = client(65536)) {
            WebhookHttp.Answer a = http.post(target("http", HOST, server.actualPort()),
                    InetAddress.getByName("127.0.0.1"), Map.of(), "{}");
            assertEquals(302, a.status());
            assertEquals("去别处", a.body());
            assertEquals("7", a.retryAfter());
            assertFalse(a.truncated());
        } finally {
            server.close();
        }
    }
}
