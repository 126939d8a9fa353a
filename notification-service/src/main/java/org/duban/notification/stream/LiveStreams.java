package org.duban.notification.stream;

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
 * The open live streams of this process, by unit: a commit of a unit's notifications (here, or on
 * another replica: {@link org.duban.notification.push.NotifyListener}) wakes that unit's streams,
 * which then read the inbox. Waking only signals; the reading happens on the stream's own turn.
 */
@ApplicationScoped
public class LiveStreams {

    private final Map<String, Set<Wake>> byUnit = new ConcurrentHashMap<>();

    /** Ends the streams' backstop waits (one thread: it only completes futures). */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-stream-backstop");
        t.setDaemon(true);
        return t;
    });

    /** A stream of {@code unit} opens: its wake-up, signalled once to read at the start. */
    Wake open(String unit) {
        Wake w = new Wake();
        byUnit.computeIfAbsent(unit, u -> ConcurrentHashMap.newKeySet()).add(w);
        return w;
    }

    void close(String unit, Wake w) {
        w.close();
        byUnit.computeIfPresent(unit, (u, set) -> {
            set.remove(w);
            return set.isEmpty() ? null : set;
        });
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed c) {
        if (c.units() == null) {
            byUnit.values().forEach(set -> set.forEach(Wake::signal));
            return;
        }
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
