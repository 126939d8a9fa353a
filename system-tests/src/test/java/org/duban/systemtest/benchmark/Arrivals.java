package org.duban.systemtest.benchmark;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What reached one channel (inbox, SSE stream, webhook receiver), by task: each notification with
 * the id the channel gives it (inbox row id, SSE event id, webhook-id) and when the harness saw it
 * ({@link System#nanoTime()}, the clock every measurement of the harness uses).
 */
final class Arrivals {

    record Arrival(String taskId, String unitCode, String type, String id, String documentNumber, long nanos) {
    }

    final String channel;
    private final Map<String, List<Arrival>> byTask = new ConcurrentHashMap<>();
    private final List<Arrival> all = new CopyOnWriteArrayList<>();

    Arrivals(String channel) {
        this.channel = channel;
    }

    void add(Arrival a) {
        all.add(a);
        if (a.taskId() != null) {
            byTask.computeIfAbsent(a.taskId(), k -> new CopyOnWriteArrayList<>()).add(a);
        }
    }

    /** Everything of {@code type} that reached {@code unit} about {@code task}. */
    List<Arrival> of(String taskId, String unitCode, String type) {
        return byTask.getOrDefault(taskId, List.of()).stream()
                .filter(a -> a.unitCode().equals(unitCode) && a.type().equals(type)).toList();
    }

    /** When the first of them was seen. */
    OptionalLong first(String taskId, String unitCode, String type) {
        return of(taskId, unitCode, type).stream().mapToLong(Arrival::nanos).min();
    }

    /** Notifications (distinct ids) beyond the first: a duplicate is a second notification, not a retry of one. */
    long duplicates(String taskId, String unitCode, String type) {
        return Math.max(0, of(taskId, unitCode, type).stream().map(Arrival::id).distinct().count() - 1);
    }

    /** The same id seen again (a webhook call repeated with its webhook-id: a retry, not a duplicate). */
    long repeats(String taskId, String unitCode, String type) {
        List<Arrival> l = of(taskId, unitCode, type);
        return l.size() - l.stream().map(Arrival::id).distinct().count();
    }

    List<Arrival> all() {
        return List.copyOf(all);
    }
}
