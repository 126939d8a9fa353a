package org.duban.notification.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OA system's webhook receiver in the test JVM: verifies every message with the endpoint's
 * secret as a receiver would (WebhookSignature.verify) and records what came, or answers what a
 * test scripts (503 with Retry-After, 410 …).
 */
public final class Receiver implements AutoCloseable {

    public record Received(String webhookId, String timestamp, String signature, String body, boolean verified,
                           long receivedAtMillis) {
    }

    public record Answer(int status, Map<String, String> headers) {
        public static final Answer OK = new Answer(204, Map.of());
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile List<String> secrets = List.of();
    private volatile Function<Received, Answer> afterScript = r -> Answer.OK;

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            long now = System.currentTimeMillis() / 1000;
            boolean ok = !secrets.isEmpty() && secrets.stream()
                    .allMatch(s -> WebhookSignature.verify(s, id, ts, body, sig, now, 300));
            Received r = new Received(id, ts, sig, body, ok, System.currentTimeMillis());
            received.add(r);
            Answer a = script.poll();
            if (a == null) {
                a = afterScript.apply(r);
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(a.status(), -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secrets every message must verify with (all of them: during a rotation, old and new). */
    public Receiver verifyWith(String... secrets) {
        this.secrets = List.of(secrets);
        return this;
    }

    /** Answers for the next requests, in order; afterwards {@link #afterScript}. */
    public Receiver answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public Receiver afterScript(Function<Received, Answer> f) {
        this.afterScript = f;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
