package org.duban.notification.feed;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.duban.notification.push.Committed;
import org.duban.notification.push.Wake;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The feed requests of this process waiting for rows: a commit of some units' notifications (here,
 * or on another replica: {@code push.NotifyListener}) wakes the waiters that read those units, and
 * every waiter that reads all units. Waking only signals; the waiter reads on a worker thread of its own.
 * <p>
 * At most {@code duban.notification.feed.max-waiters} requests with a wait may be open here at once (each
 * holds a socket, a registration and a timer): one more is refused at once ({@link FeedBusy}, 503 with
 * Retry-After) rather than let a misbehaving client pile them up. Requests without a wait are not counted.
 * The bound is read from the configuration at each such request ({@code NotificationConfig.Feed} declares it and
 * checks it at start), so a changed value (a system property, as {@code FeedWaitersBoundTest} sets it) applies to
 * the next request without a restart; places already taken stay taken.
 */
@ApplicationScoped
public class FeedWaiters {

    private final Map<String, Set<Wake>> byUnit = new ConcurrentHashMap<>();
    private final Set<Wake> everyUnit = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();

    static final String MAX_WAITERS = "duban.notification.feed.max-waiters";

    /** A lookup at each {@code get()} (MicroProfile Config's {@code Provider} injection), not a value fixed at start. */
    @Inject
    @ConfigProperty(name = MAX_WAITERS)
    Provider<Integer> maxWaiters;

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

    /** Takes one of the {@code max-waiters} places of a request that may wait; false when all are taken. */
    boolean enter() {
        while (true) {
            int n = waiting.get();
            if (n >= maxWaiters()) {
                return false;
            }
            if (waiting.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place taken by {@link #enter()}. */
    void leave() {
        waiting.decrementAndGet();
    }

    int maxWaiters() {
        return maxWaiters.get();
    }

    /** Places taken now. */
    int waiting() {
        return waiting.get();
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
