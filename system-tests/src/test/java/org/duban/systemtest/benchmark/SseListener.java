package org.duban.systemtest.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An SSE client on one unit's stream ({@code GET /units/{code}/notifications/stream}), as an OA system
 * runs it: notes each event in the shared {@link Arrivals} when its blank line (the event's end) is read.
 * The stream stays open for the whole run; a stream that breaks is a failure of the run, not retried.
 */
final class SseListener implements AutoCloseable {

    private final String unit;
    private final Arrivals arrivals;
    private final CountDownLatch open = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;
    volatile Throwable broken;

    SseListener(Http http, HttpClient client, String notificationUrl, String unit, Arrivals arrivals) {
        this.unit = unit;
        this.arrivals = arrivals;
        HttpRequest req = HttpRequest.newBuilder(URI.create(notificationUrl + "/units/" + unit + "/notifications/stream"))
                .header("Authorization", http.bearer()).header("Accept", "text/event-stream").build();
        thread = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> res = client.send(req, HttpResponse.BodyHandlers.ofLines());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("stream of " + unit + " answered " + res.statusCode());
                }
                open.countDown();
                read(res.body());
            } catch (Exception e) {
                if (!closed) {
                    broken = e;
                }
            }
        }, "sse-" + unit);
        thread.setDaemon(true);
        thread.start();
    }

    void awaitOpen() throws InterruptedException {
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the stream of " + unit + " did not open: " + broken);
        }
    }

    private void read(Stream<String> lines) {
        StringBuilder data = new StringBuilder();
        lines.takeWhile(l -> !closed).forEach(line -> {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    long at = System.nanoTime();
                    JsonNode n = parse(data.toString());
                    arrivals.add(new Arrivals.Arrival(n.path("taskId").asText(null), unit, n.path("type").asText(),
                            n.path("id").asText(), n.path("documentNumber").asText(null), at));
                }
                data.setLength(0);
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        });
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
