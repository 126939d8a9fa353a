package org.duban.notification.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OA system's loop over the feed, as docs/examples/feed-client.sh does it: GET with the last
 * nextCursor and {@code wait}, keep the items, repeat. Records what arrived and when (wall clock, to
 * compare with commit times), and every answer (how long it took, how many items).
 */
final class FeedClient implements AutoCloseable {

    record Arrival(String id, String unitCode, String title, String cursor, Instant createdAt, Instant at) {
    }

    record Answer(long millis, int items, int status) {
    }

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URL base;
    private final String token;
    private final String wait;
    private final Thread loop;
    private volatile boolean stopping;
    private volatile CompletableFuture<HttpResponse<String>> inFlight;
    private volatile String cursor;
    volatile Throwable failure;

    FeedClient(URL base, String token, String startAfter, String wait) {
        this.base = base;
        this.token = token;
        this.wait = wait;
        this.cursor = startAfter;
        loop = new Thread(this::run, "feed-client");
        loop.setDaemon(true);
        loop.start();
    }

    private void run() {
        while (!stopping) {
            try {
                String q = "wait=" + wait + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "api/v1/notifications/feed?" + q))
                        .header("Authorization", "Bearer " + token).build();
                long t0 = System.nanoTime();
                inFlight = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> res = inFlight.join();
                Instant at = Instant.now();
                if (res.statusCode() != 200) {
                    answers.add(new Answer((System.nanoTime() - t0) / 1_000_000, 0, res.statusCode()));
                    throw new IllegalStateException("feed answered " + res.statusCode() + ": " + res.body());
                }
                JsonNode page = json.readTree(res.body());
                for (JsonNode item : page.get("items")) {
                    arrivals.add(new Arrival(item.get("id").asText(), item.get("unitCode").asText(),
                            item.get("title").asText(), item.get("cursor").asText(),
                            java.time.OffsetDateTime.parse(item.get("createdAt").asText()).toInstant(), at));
                }
                answers.add(new Answer((System.nanoTime() - t0) / 1_000_000, page.get("items").size(), 200));
                cursor = page.get("nextCursor").asText();
            } catch (Exception e) {
                if (!stopping) {
                    failure = e;
                }
                return;
            }
        }
    }

    /** An arrival titled {@code title}, or whose title is a template's sentence ending in it ("新任务：…"). */
    boolean got(String title) {
        return arrivals.stream().anyMatch(a -> a.title().equals(title) || a.title().endsWith("：" + title));
    }

    Arrival arrival(String title) {
        return arrivals.stream().filter(a -> a.title().equals(title)).findFirst().orElseThrow();
    }

    List<String> titles() {
        return arrivals.stream().map(Arrival::title).toList();
    }

    String cursor() {
        return cursor;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        CompletableFuture<?> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
        loop.interrupt();
        loop.join(5000);
    }
}
