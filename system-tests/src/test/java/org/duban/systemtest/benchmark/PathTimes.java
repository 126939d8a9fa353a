package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of a load went along the path of one task event, from the timestamps the services
 * write anyway (issue 16: why are the channels slower under load than one at a time?), read from the
 * two databases after the load drained:
 * <ol>
 * <li>task-service: the outbox row's {@code occurred_at} (set in the POST's transaction, before its
 *     commit) → {@code published_at} (the relay's mark after the broker acknowledged);</li>
 * <li>→ notification-service's consumer transaction began ({@code processed_event.processed_at} is that
 *     transaction's {@code now()}): the record's time in Kafka, in the consumer's fetch and behind the
 *     batch before it;</li>
 * <li>→ the inbox row's {@code created_at} (taken in the consumer's transaction, before its commit);</li>
 * <li>→ the webhook delivery's first attempt began ({@code delivery_attempt.attempted_at}): the
 *     consumer's commit, the delivery worker's wake-up and its wait for a free slot;</li>
 * <li>the webhook attempt began → the delivery recorded sent ({@code delivery.finished_at}).</li>
 * </ol>
 * And the events per consumer transaction (rows sharing one {@code processed_at}). All clocks are the
 * one machine's (PostgreSQL's {@code now()} and the services' clocks). A diagnosis, not a figure of the issue.
 */
final class PathTimes {

    record Segment(String name, Latencies latency) {
    }

    /** The segments of the task events written between {@code from} and {@code to}. */
    static List<Segment> measure(Duban d, Instant from, Instant to) throws SQLException {
        Map<String, Instant[]> byEvent = new HashMap<>();
        String user = d.suite.infra().dbUser();
        String password = d.suite.infra().dbPassword();
        try (Connection task = DriverManager.getConnection(d.suite.jdbcUrl(Service.TASK), user, password);
             PreparedStatement q = task.prepareStatement("""
                     SELECT CAST(id AS text), occurred_at, published_at FROM outbox_event
                     WHERE type = 'task.assigned' AND occurred_at BETWEEN ? AND ? AND published_at IS NOT NULL""")) {
            q.setObject(1, OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            q.setObject(2, OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byEvent.put(rs.getString(1), new Instant[]{instant(rs, 2), instant(rs, 3), null, null, null, null});
                }
            }
        }
        Map<Instant, Integer> perTransaction = new HashMap<>();
        try (Connection n = DriverManager.getConnection(d.suite.jdbcUrl(Service.NOTIFICATION), user, password);
             PreparedStatement q = n.prepareStatement("""
                     SELECT n.event_id, p.processed_at, n.created_at, a.attempted_at, w.finished_at
                     FROM notification n
                     JOIN processed_event p ON p.event_id = n.event_id AND p.consumer = 'notification-inbox'
                     LEFT JOIN delivery w ON w.event_id = n.event_id AND w.unit_code = n.unit_code AND w.channel = 'webhook'
                     LEFT JOIN delivery_attempt a ON a.delivery_id = w.id AND a.attempt = 1
                     WHERE n.channel = 'inbox' AND n.event_type = 'task.assigned' AND n.event_id = ANY(?)""")) {
            q.setArray(1, n.createArrayOf("text", byEvent.keySet().toArray(String[]::new)));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant[] t = byEvent.get(rs.getString(1));
                    t[2] = instant(rs, 2);
                    t[3] = instant(rs, 3);
                    t[4] = instant(rs, 4);
                    t[5] = instant(rs, 5);
                    perTransaction.merge(t[2], 1, Integer::sum);
                }
            }
        }
        String[] names = {"outbox row written → relayed (broker acked)", "relayed → consumer transaction began",
                "consumer transaction began → inbox row written", "inbox row written → webhook attempt began",
                "webhook attempt began → recorded sent"};
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s < names.length; s++) {
            List<Double> ms = new ArrayList<>();
            for (Instant[] t : byEvent.values()) {
                if (t[s] != null && t[s + 1] != null) {
                    ms.add(Duration.between(t[s], t[s + 1]).toNanos() / 1e6);
                }
            }
            segments.add(new Segment(names[s], Latencies.ofMillis(ms)));
        }
        segments.add(new Segment("events per consumer transaction (a count, not ms)",
                Latencies.ofMillis(perTransaction.values().stream().map(Integer::doubleValue).toList())));
        return segments;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private PathTimes() {
    }
}
