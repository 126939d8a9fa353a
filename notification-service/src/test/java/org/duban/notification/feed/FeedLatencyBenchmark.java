package org.duban.notification.feed;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.inbox.TaskEvents;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * How soon a long-polling feed client has a notification (docs/benchmarks.md, "The pull feed"):
 * <ul>
 * <li>tasks created one at a time through the broker and the consumer: from the notification's
 * {@code createdAt} (written by the consumer, before its commit) to the client having it;</li>
 * <li>out-of-order pairs: transaction A writes first, B writes and commits, then A commits — from A's
 * commit to the client having both;</li>
 * <li>a row held back by an unrelated open transaction: from that transaction's end to the client having it.</li>
 * </ul>
 * {@code ./mvnw -B -q -pl notification-service -am verify -Dtest=FeedLatencyBenchmark -Dduban.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@Tag("benchmark")
class FeedLatencyBenchmark {

    private static final int TASKS = 40;
    private static final int PAIRS = 20;
    private static final int HELD = 10;

    @TestHTTPResource("/")
    URL base;

    @Test
    void feedLatency() throws Exception {
        String unit = TaskEvents.newUnit();
        List<Long> created = new ArrayList<>();
        List<Long> pairs = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        try (FeedClient client = new FeedClient(base, TestKeys.token("unit-operator", unit), null, "30s")) {
            for (int i = 0; i < TASKS; i++) {
                String title = "延迟" + i;
                TaskEvents.assign(UUID.randomUUID(), unit, title);
                await().atMost(Duration.ofSeconds(60)).until(() -> client.got(title) || client.failure != null);
                FeedClient.Arrival a = client.arrivals.get(client.arrivals.size() - 1);
                if (i >= 5) { // warm-up
                    created.add(Duration.between(a.createdAt(), a.at()).toMillis());
                }
            }
            for (int i = 0; i < PAIRS; i++) {
                try (Connection first = connection(); Connection second = connection()) {
                    insert(first, unit, "先写" + i);
                    insert(second, unit, "后写" + i);
                    notify(second, unit);
                    second.commit();
                    notify(first, unit);
                    first.commit();
                    Instant committed = Instant.now();
                    String last = "后写" + i;
                    await().atMost(Duration.ofSeconds(60)).until(() -> client.got(last) || client.failure != null);
                    pairs.add(Duration.between(committed, client.arrival(last).at()).toMillis());
                }
            }
            for (int i = 0; i < HELD; i++) {
                try (Connection unrelated = connection(); Connection writer = connection()) {
                    try (PreparedStatement s = unrelated.prepareStatement("SELECT pg_current_xact_id()")) {
                        s.execute();
                    }
                    insert(writer, unit, "挡住" + i);
                    notify(writer, unit);
                    writer.commit();
                    Thread.sleep(300); // held back for a while (the feed re-reads 50 ms doubling to 1 s)
                    unrelated.rollback();
                    Instant ended = Instant.now();
                    String title = "挡住" + i;
                    await().atMost(Duration.ofSeconds(60)).until(() -> client.got(title) || client.failure != null);
                    held.add(Duration.between(ended, client.arrival(title).at()).toMillis());
                }
            }
            assertNull(client.failure);
            assertEquals(TASKS + 2 * PAIRS + HELD, client.arrivals.size(), "each once");
            assertEquals(client.arrivals.size(), client.arrivals.stream().map(FeedClient.Arrival::id).distinct().count());
        }
        String result = LocalDate.now() + " feed latency: task event (createdAt → client) " + stats(created)
                + "; out-of-order pair (last commit → client has both) " + stats(pairs)
                + "; held back 300 ms by an unrelated transaction (its end → client) " + stats(held)
                + "; load average " + Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.println("FEED-BENCHMARK " + result);
        Files.writeString(Path.of("target/benchmarks.txt"), result + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String stats(List<Long> millis) {
        List<Long> s = millis.stream().sorted().toList();
        return "n=" + s.size() + " p50=" + s.get(s.size() / 2) + " p95=" + s.get((int) Math.ceil(s.size() * 0.95) - 1)
                + " max=" + s.get(s.size() - 1) + " ms";
    }

    private static Connection connection() throws Exception {
        var config = ConfigProvider.getConfig();
        Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
        c.setAutoCommit(false);
        return c;
    }

    private static void insert(Connection c, String unit, String title) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO notification (id, unit_code, channel, event_id, event_type, title, body, created_at, reason)
                VALUES (?, ?, 'inbox', ?, 'task.urged', ?, '拉取测试', now(), 'ASSIGNEE')""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, unit);
            s.setString(3, UUID.randomUUID().toString());
            s.setString(4, title);
            s.executeUpdate();
        }
    }

    private static void notify(Connection c, String unit) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('duban_inbox', ?)")) {
            s.setString(1, unit);
            s.execute();
        }
    }
}
