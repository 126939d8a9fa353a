package org.duban.notification.stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.duban.notification.inbox.Inserted;
import org.duban.notification.inbox.Notification;
import org.duban.notification.push.Committed;
import org.duban.notification.push.Wake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open live streams of this process, by unit. Rows this process's consumer committed are handed to the unit's
 * streams from memory after the commit ({@link Inserted}, hcons3: before, each stream read them back, a query per
 * stream per commit); a commit of another replica ({@link org.duban.notification.push.NotifyListener}) or a missed
 * NOTIFY makes the streams read the inbox ({@link Handover#mustRead}). Handing and waking only signal; the sending
 * happens on the stream's own turn.
 */
@ApplicationScoped
public class LiveStreams {

    /** One open stream: its wake-up, what it is handed, and how many turns read the database or sent from memory. */
    static final class Listener {
        final Wake wake = new Wake();
        final Handover handover = new Handover();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong handed = new AtomicLong();
    }

    private final Map<String, Set<Listener>> byUnit = new ConcurrentHashMap<>();

    /** Ends the streams' backstop waits (one thread: it only completes futures). */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-stream-backstop");
        t.setDaemon(true);
        return t;
    });

    /** A stream of {@code unit} opens: its first turn reads (its wake-up starts signalled). */
    Listener open(String unit) {
        Listener l = new Listener();
        byUnit.computeIfAbsent(unit, u -> ConcurrentHashMap.newKeySet()).add(l);
        return l;
    }

    void close(String unit, Listener l) {
        l.wake.close();
        byUnit.computeIfPresent(unit, (u, set) -> {
            set.remove(l);
            return set.isEmpty() ? null : set;
        });
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Database reads of the streams of {@code unit} open now (tests: what came from memory was not read back). */
    public long reads(String unit) {
        return byUnit.getOrDefault(unit, Set.of()).stream().mapToLong(l -> l.reads.get()).sum();
    }

    /** Rows sent from memory by the streams of {@code unit} open now. */
    public long handed(String unit) {
        return byUnit.getOrDefault(unit, Set.of()).stream().mapToLong(l -> l.handed.get()).sum();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed c) {
        if (c.units() == null) {
            byUnit.values().forEach(set -> set.forEach(LiveStreams::read));
            return;
        }
        if (c.rowsHanded()) {
            return; // this process's own rows: onInserted hands them
        }
        for (String unit : c.units()) {
            Set<Listener> set = byUnit.get(unit);
            if (set != null) {
                set.forEach(LiveStreams::read);
            }
        }
    }

    void onInserted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Inserted inserted) {
        if (byUnit.isEmpty()) {
            return;
        }
        Map<String, List<Notification>> rows = new HashMap<>();
        for (Notification n : inserted.rows()) {
            if (byUnit.containsKey(n.unitCode)) {
                rows.computeIfAbsent(n.unitCode, u -> new ArrayList<>()).add(n);
            }
        }
        rows.forEach((unit, committed) -> {
            Set<Listener> set = byUnit.get(unit);
            if (set != null) {
                for (Listener l : set) {
                    l.handover.hand(committed);
                    l.wake.signal();
                }
            }
        });
    }

    private static void read(Listener l) {
        l.handover.mustRead();
        l.wake.signal();
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
