package org.duban.notification.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An OA system's webhook receiver in the test JVM: verifies every message with the endpoint's
 * secret as a receiver would (WebhookSignature.verify) and records what came, or answers what a
 * test scripts (503 with Retry-After, 410 …).
 */
public final class Receiver implements AutoCloseable {

    public record Received(String webhookId, String timestamp, String signature, String body, boolean verified,
                           long receivedAtMillis, String host, String traceparent) {
    }

    /** {@code bodyBytes}: the length of a body of 'x' sent with the answer; {@link Long#MAX_VALUE}: endless. */
    public record Answer(int status, Map<String, String> headers, long bodyBytes) {
        public static final Answer OK = new Answer(204, Map.of());

        public Answer(int status, Map<String, String> headers) {
            this(status, headers, 0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile List<String> secrets = List.of();
    private volatile Function<Received, Answer> afterScript = r -> Answer.OK;
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final AtomicBoolean bodyCutOff = new AtomicBoolean();

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
            Received r = new Received(id, ts, sig, body, ok, System.currentTimeMillis(),
                    exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("traceparent"));
            received.add(r);
            Answer a = script.poll();
            if (a == null) {
                a = afterScript.apply(r);
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (a.bodyBytes() <= 0) {
                exchange.sendResponseHeaders(a.status(), -1);
                exchange.close();
                return;
            }
            // chunked, written until done or until the caller hangs up
            exchange.sendResponseHeaders(a.status(), 0);
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = a.bodyBytes(); left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    out.flush();
                    bodyBytesSent.addAndGet(Math.min(chunk.length, left));
                }
            } catch (IOException hungUp) {
                bodyCutOff.set(true);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    /** The URL with a host name instead of the address (the tests' resolver maps it to this receiver). */
    public String url(String host) {
        return "http://" + host + ":" + port() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
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

    /** Bytes of answer bodies written so far. */
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    /** Whether the caller closed the connection while a body was being written. */
    public boolean bodyCutOff() {
        return bodyCutOff.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
