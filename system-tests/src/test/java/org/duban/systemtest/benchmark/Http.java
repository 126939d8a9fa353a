package org.duban.systemtest.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duban.testsupport.security.TestKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;

/**
 * The harness's HTTP client, as an OA system would call Duban: HTTP/1.1, a supervisor's bearer token.
 * {@link #postAsync} does not wait for the answer: the open-loop load fires requests on schedule.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A request's answer and when it came (System.nanoTime()). */
    record Answer(int status, String body, long sentNanos, long answeredNanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        double millis() {
            return (answeredNanos - sentNanos) / 1e6;
        }
    }

    private final HttpClient client = client("http-callers-");
    private final String bearer = "Bearer " + TestKeys.token("supervisor");

    Answer post(String url, String contentType, String body) {
        return join(postAsync(url, contentType, body));
    }

    Answer postJson(String url, String json) {
        return post(url, "application/json", json);
    }

    Answer get(String url) {
        HttpRequest req = request(url).GET().build();
        return join(send(req));
    }

    /** GET with another {@code Accept} (e.g. {@code text/plain} for /q/metrics, which answers no JSON). */
    Answer get(String url, String accept) {
        HttpRequest req = request(url).setHeader("Accept", accept).GET().build();
        return join(send(req));
    }

    CompletableFuture<Answer> postAsync(String url, String contentType, String body) {
        HttpRequest req = body.isEmpty() ? request(url).POST(HttpRequest.BodyPublishers.noBody()).build()
                : request(url).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return send(req);
    }

    /** The callers' client. */
    HttpClient client() {
        return client;
    }

    String bearer() {
        return bearer;
    }

    /**
     * A client whose executor's threads are named {@code threadPrefix}N (the harness's CPU table tells its clients
     * apart by thread name; the client's selector thread is {@code HttpClient-<id>-SelectorManager}, {@link #clientId}).
     */
    static HttpClient client(String threadPrefix) {
        AtomicInteger n = new AtomicInteger();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    /**
     * The JDK's number of a client, which its selector thread's name carries ({@code HttpClient-<id>-SelectorManager}):
     * from its {@code toString()} ({@code …HttpClientImpl@hash(<id>)}), or -1.
     */
    static long clientId(HttpClient client) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", bearer).header("Accept", "application/json");
    }

    private CompletableFuture<Answer> send(HttpRequest req) {
        long sent = System.nanoTime();
        return client.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new Answer(r.statusCode(), r.body(), sent, System.nanoTime()));
    }

    private static Answer join(CompletableFuture<Answer> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("request failed", e.getCause());
        }
    }
}
