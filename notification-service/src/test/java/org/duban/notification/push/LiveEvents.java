package org.duban.notification.push;

import org.duban.testsupport.security.TestKeys;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client of a unit's live stream: the data lines of the events it got, and when (System.nanoTime). */
final class LiveEvents implements AutoCloseable {

    record Event(String data, long atNanos) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final Stream<String> lines;

    /** Opens the stream and returns once the service answered 200 (its starting position is taken by then). */
    LiveEvents(URL base, String unit) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "api/v1/units/" + unit + "/notifications/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestKeys.token("supervisor")).build();
        HttpResponse<Stream<String>> res = HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        assertEquals(200, res.statusCode());
        lines = res.body();
        reader = new Thread(() -> {
            try {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("data:")) {
                        events.add(new Event(line.substring(5).trim(), System.nanoTime()));
                    }
                }
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }, "live-events-" + unit);
        reader.setDaemon(true);
        reader.start();
    }

    boolean got(String text) {
        return events.stream().anyMatch(e -> e.data().contains(text));
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
