package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where the acknowledged tasks of a load went: each task.assigned on the inbox, its unit's SSE stream
 * and the webhook receiver, its latency from the POST's answer, and what is missing or came twice.
 */
final class Deliveries {

    static final String TYPE = "task.assigned";

    /** A task whose creation was acknowledged (201) for one unit, and when the answer came. */
    record Acknowledged(String taskId, String unit, long answeredNanos) {
    }

    /**
     * One channel's figures: latencies, tasks that never arrived, extra notifications (inbox: rows beyond
     * one per task, read exactly from the database; SSE: events beyond one; webhook: webhook-ids beyond
     * one), and repeated calls with the same webhook-id (retries).
     */
    record Channel(String name, Latencies latency, int lost, long duplicates, long repeats) {
    }

    /** Waits until every task reached every channel, at most {@code timeout} ms; whether they all did. */
    static boolean await(Duban d, List<Acknowledged> acked, long timeoutMillis) throws InterruptedException {
        List<Arrivals> channels = List.of(d.inbox.arrivals, d.sse, d.receiver.arrivals);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!acked.stream().allMatch(a -> channels.stream().allMatch(c -> c.first(a.taskId(), a.unit(), TYPE).isPresent()))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // arrivals carry their own time: this wait's granularity does not count
            Thread.sleep(acked.size() == 1 ? 1 : 50);
        }
        return true;
    }

    /** Waits as {@link #await} does, then what arrived, per channel. */
    static List<Channel> collect(Duban d, List<Acknowledged> acked, long timeoutMillis) throws Exception {
        List<Arrivals> channels = List.of(d.inbox.arrivals, d.sse, d.receiver.arrivals);
        await(d, acked, timeoutMillis);
        Map<String, Integer> rows;
        try (Connection c = d.db(Service.NOTIFICATION)) {
            rows = InboxWatcher.rowsPerTask(c, acked.stream().map(Acknowledged::taskId).toList(), TYPE);
        }
        List<Channel> out = new ArrayList<>();
        for (Arrivals channel : channels) {
            List<Double> millis = new ArrayList<>();
            int lost = 0;
            long duplicates = 0;
            long repeats = 0;
            for (Acknowledged a : acked) {
                OptionalLong first = channel.first(a.taskId(), a.unit(), TYPE);
                if (first.isPresent()) {
                    millis.add((first.getAsLong() - a.answeredNanos()) / 1e6);
                }
                switch (channel.channel) {
                    case "inbox" -> {
                        int n = rows.getOrDefault(a.taskId(), 0);
                        lost += n == 0 ? 1 : 0;
                        duplicates += Math.max(0, n - 1);
                    }
                    case "sse" -> {
                        int n = channel.of(a.taskId(), a.unit(), TYPE).size();
                        lost += n == 0 ? 1 : 0;
                        duplicates += Math.max(0, n - 1);
                    }
                    default -> {
                        lost += first.isEmpty() ? 1 : 0;
                        duplicates += channel.duplicates(a.taskId(), a.unit(), TYPE);
                        repeats += channel.repeats(a.taskId(), a.unit(), TYPE);
                    }
                }
            }
            out.add(new Channel(channel.channel, Latencies.ofMillis(millis), lost, duplicates, repeats));
        }
        return out;
    }

    private Deliveries() {
    }
}
