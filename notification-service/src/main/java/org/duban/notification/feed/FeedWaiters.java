package org.duban.notification.feed;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.duban.notification.push.Committed;
import org.duban.notification.push.Wake;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The feed requests of this process waiting for rows: a commit of some units' notifications (here,
 * or on another replica: {@code push.NotifyListener}) wakes the waiters that read those units, and
 * every waiter that reads all units. Waking only signals; the waiter reads on a worker thread of its own.
 */
@ApplicationScoped
public class FeedWaiters {

    private final Map<String, Set<Wake>> byUnit = new ConcurrentHashMap<>();
    private final Set<Wake> everyUnit = ConcurrentHashMap.newKeySet();

    /** Ends the waits (one thread: it only completes futures). */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-wait-timer");
        t.setDaemon(true);
        return t;
    });

    /** A waiter for {@code units} ({@code null}: every unit); its wake-up starts signalled (read at once). */
    Wake open(Set<String> units) {
        Wake w = new Wake();
        if (units == null) {
            everyUnit.add(w);
        } else {
            for (String u : units) {
                byUnit.computeIfAbsent(u, k -> ConcurrentHashMap.newKeySet()).add(w);
            }
        }
        return w;
    }

    void close(Set<String> units, Wake w) {
        w.close();
        if (units == null) {
            everyUnit.remove(w);
            return;
        }
        for (String u : units) {
            byUnit.computeIfPresent(u, (k, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Requests registered for {@code unit}'s commits now (reading or waiting). */
    int registered(String unit) {
        Set<Wake> set = byUnit.get(unit);
        return set == null ? 0 : set.size();
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed c) {
        if (c.units() == null) {
            everyUnit.forEach(Wake::signal);
            byUnit.values().forEach(set -> set.forEach(Wake::signal));
            return;
        }
        if (c.units().isEmpty()) {
            return; // deliveries only
        }
        everyUnit.forEach(Wake::signal);
        for (String unit : c.units()) {
            Set<Wake> set = byUnit.get(unit);
            if (set != null) {
                set.forEach(Wake::signal);
            }
        }
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
