package org.duban.notification.stream;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.duban.infra.security.DubanTokens;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NotificationStreamTest {

    @TestHTTPResource("/")
    URL base;

    record Event(String id, String name, String data) {
    }

    /**
     * Opens the unit's stream with {@code token} (null: none) and reads {@code n} events (or fails
     * after 30 s), then closes it.
     */
    private CompletableFuture<List<Event>> read(String unit, String lastEventId, int n, String token) {
        return read(unit, lastEventId, n, token, new ArrayList<>());
    }

    /** As above; every event is also added to {@code seen} as soon as it is read (a test awaits what the stream sent). */
    private CompletableFuture<List<Event>> read(String unit, String lastEventId, int n, String token, List<Event> seen) {
        HttpRequest.Builder req = streamRequest(unit, token);
        if (lastEventId != null) {
            req.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newHttpClient();
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofLines()).thenApply(resp -> {
            List<Event> events = new ArrayList<>();
            try (Stream<String> lines = resp.body()) {
                Iterator<String> it = lines.iterator();
                String id = null, name = null;
                StringBuilder data = new StringBuilder();
                while (events.size() < n && it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            Event e = new Event(id, name, data.toString());
                            events.add(e);
                            seen.add(e);
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            }
            return events;
        }).orTimeout(30, TimeUnit.SECONDS);
    }

    private CompletableFuture<List<Event>> read(String unit, String lastEventId, int n) {
        return read(unit, lastEventId, n, TestKeys.token("supervisor"));
    }

    private HttpRequest.Builder streamRequest(String unit, String token) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "api/v1/units/" + unit + "/notifications/stream"))
                .header("Accept", "text/event-stream");
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return req;
    }

    /** A request that must be refused before any stream opens: the whole answer, read to its end. */
    private HttpResponse<String> refused(String unit, String token) throws Exception {
        return HttpClient.newHttpClient().sendAsync(streamRequest(unit, token).build(), HttpResponse.BodyHandlers.ofString())
                .get(30, TimeUnit.SECONDS);
    }

    private static void assertProblem(HttpResponse<String> r, int status, String type) {
        assertEquals(status, r.statusCode(), r.body());
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/problem+json"), contentType);
        assertFalse(contentType.contains("event-stream"), contentType);
        assertTrue(r.body().contains("\"type\":\"" + type + "\""), r.body());
    }

    @Test
    void aLiveStreamDeliversNewNotificationsAndResumesWithLastEventIdFromTheInbox() throws Exception {
        String unit = TaskEvents.newUnit();
        UUID task = UUID.randomUUID();
        CompletableFuture<List<Event>> live = read(unit, null, 1);
        Thread.sleep(1000); // the stream is open and has taken its starting position
        TaskEvents.assign(task, unit, "实时通知一");
        List<Event> first = live.get(30, TimeUnit.SECONDS);
        assertEquals("notification", first.get(0).name());
        assertTrue(first.get(0).data().contains("新任务：实时通知一"), first.get(0).data());
        String lastSeen = first.get(0).id();

        // disconnected: two more arrive
        TaskEvents.assign(task, unit, "错过的通知二");
        TaskEvents.assign(task, unit, "错过的通知三");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TaskEvents.inboxSize(unit)));

        List<Event> resumed = read(unit, lastSeen, 2).get(30, TimeUnit.SECONDS);
        assertEquals(2, resumed.size());
        assertTrue(resumed.get(0).data().contains("错过的通知二"), resumed.get(0).data());
        assertTrue(resumed.get(1).data().contains("错过的通知三"), resumed.get(1).data());
        assertTrue(!resumed.get(0).id().equals(lastSeen));
    }

    @Test
    void aForgedLastEventIdIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(streamRequest("x", TestKeys.token("supervisor"))
                        .header("Last-Event-ID", "not-a-cursor").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
    }

    /**
     * The unit's own operator listens to its stream: its token is read on a worker thread (were it
     * read on the event loop, the lazily resolved identity could not be had and the caller would
     * be refused).
     */
    @Test
    void aUnitOperatorListensToItsOwnUnitsStream() throws Exception {
        String unit = TaskEvents.newUnit();
        CompletableFuture<List<Event>> live = read(unit, null, 1, TestKeys.token("unit-operator", unit));
        Thread.sleep(1000);
        TaskEvents.assign(UUID.randomUUID(), unit, "本单位实时通知");
        List<Event> events = live.get(30, TimeUnit.SECONDS);
        assertTrue(events.get(0).data().contains("本单位实时通知"), events.get(0).data());
    }

    /** A stream outlives no token: it ends when the token that opened it expires. */
    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        String unit = TaskEvents.newUnit();
        String shortLived = DubanTokens.mint(TestKeys.get(), "unit-operator", List.of(unit), Duration.ofSeconds(3));
        long opened = System.nanoTime();
        HttpResponse<String> r = HttpClient.newHttpClient().sendAsync(streamRequest(unit, shortLived).build(),
                HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
        long seconds = Duration.ofNanos(System.nanoTime() - opened).toSeconds();
        assertEquals(200, r.statusCode());
        assertTrue(seconds >= 1 && seconds <= 10, "ended after " + seconds + " s");
    }

    @Test
    void aStreamWithoutATokenIsA401ProblemNotAnOpenStream() throws Exception {
        HttpResponse<String> r = refused(TaskEvents.newUnit(), null);
        assertProblem(r, 401, "urn:duban:problem:unauthenticated");
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), r.headers().toString());
    }

    @Test
    void aStreamWithAnExpiredTokenIsA401Problem() throws Exception {
        String unit = TaskEvents.newUnit();
        assertProblem(refused(unit, TestKeys.expiredToken("unit-operator", unit)), 401, "urn:duban:problem:unauthenticated");
    }

    @Test
    void anotherUnitsStreamIsA403ProblemNotAnOpenStream() throws Exception {
        assertProblem(refused("czj", TestKeys.token("unit-operator", "sfj")), 403, "urn:duban:problem:forbidden");
        assertProblem(refused("czj", TestKeys.token("integration", "sfj", "gaj")), 403, "urn:duban:problem:forbidden");
    }

    /**
     * Issue 16: a woken stream reads only rows it has not sent (not its look-back window again), yet a row whose
     * transaction began first (earlier created_at) and commits after a newer row was sent still arrives, and
     * nothing arrives twice: A is written and held open, B commits and is sent, A commits and is sent, then C.
     */
    @Test
    void aRowCommittedAfterANewerOneWasSentStillArrivesAndNothingTwice() throws Exception {
        String unit = TaskEvents.newUnit();
        List<Event> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<List<Event>> live = read(unit, null, 3, TestKeys.token("supervisor"), seen);
        Thread.sleep(1000); // the stream is open and has taken its starting position
        try (Connection a = connection()) {
            a.setAutoCommit(false);
            insert(a, unit, "先写后提交A");
            try (Connection b = connection()) {
                b.setAutoCommit(false);
                insert(b, unit, "后写先提交B");
                notifyAndCommit(b, unit);
            }
            // B is sent (read by the client) before A commits: the stream's next read leaves B out and must still find A below it
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 1);
            notifyAndCommit(a, unit);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 2);
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            insert(c, unit, "最后C");
            notifyAndCommit(c, unit);
        }
        List<String> titles = live.get(30, TimeUnit.SECONDS).stream()
                .map(e -> e.data().replaceAll(".*\"title\":\"([^\"]*)\".*", "$1")).toList();
        assertEquals(List.of("后写先提交B", "先写后提交A", "最后C"), titles, "each row once, the late one too");
    }

    private static Connection connection() throws java.sql.SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    /** An inbox row of {@code unit} created at its transaction's start ({@code now()}), not committed. */
    private static void insert(Connection c, String unit, String title) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("""
                INSERT INTO notification (id, unit_code, channel, event_id, event_type, title, body, created_at, reason)
                VALUES (?, ?, 'inbox', ?, 'task.urged', ?, '乱序提交', now(), 'ASSIGNEE')""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, unit);
            s.setString(3, UUID.randomUUID().toString());
            s.setString(4, title);
            s.executeUpdate();
        }
    }

    /** Commits with the NOTIFY another replica's commit sends (this process's stream is woken by it). */
    private static void notifyAndCommit(Connection c, String unit) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("SELECT pg_notify('duban_inbox', ?)")) {
            s.setString(1, unit);
            s.execute();
        }
        c.commit();
    }
}
