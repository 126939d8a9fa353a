package org.duban.notification.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Says, inside the transaction that wrote inbox rows or due deliveries, who should look: a CDI
 * {@link Committed} event for this process (its observers run after the commit) and, for the other
 * replicas, {@code NOTIFY duban_inbox, '<unit>'} per unit and {@code NOTIFY duban_deliveries} —
 * PostgreSQL delivers a NOTIFY only when its transaction commits, and folds repeats within one.
 * <p>
 * The NOTIFY comes back to this replica's own listening connection too; this process was already told by
 * the CDI event, so {@link NotifyListener} drops it (h16lat: every commit woke each stream and the worker
 * twice, a second read per stream and a second claim pass). It knows its own by the sending backend's PID,
 * which the same statement returns: a PID is this process's for {@link #OWN_FOR} after its last NOTIFY (a
 * pooled connection's PID, reused by another replica's session only long after that connection closed).
 */
@ApplicationScoped
public class CommitSignals {

    public static final String INBOX_CHANNEL = "duban_inbox";
    public static final String DELIVERIES_CHANNEL = "duban_deliveries";

    @Inject
    Session session;

    @Inject
    Event<Committed> committed;

    /** How long after its last NOTIFY a backend PID counts as this process's (far above NOTIFY's delivery time). */
    static final java.time.Duration OWN_FOR = java.time.Duration.ofSeconds(60);

    /** Past this many remembered backends (far above a pool's size) a NOTIFY prunes the expired ones. */
    static final int PRUNE_ABOVE = 256;

    /** Backend PID → when it last sent a NOTIFY of this process (System.nanoTime()). */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Long> ownBackends = new java.util.concurrent.ConcurrentHashMap<>();

    /** One statement, however many units (unit codes have no spaces: common's UnitCodes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void written(Collection<String> units, boolean deliveries) {
        if (units.isEmpty() && !deliveries) {
            return;
        }
        Object[] sent = session.createNativeQuery("""
                SELECT count(pg_notify(channel, payload)), pg_backend_pid() FROM (
                    SELECT '%s' AS channel, u AS payload FROM unnest(string_to_array(?1, ' ')) u
                    UNION ALL
                    SELECT '%s', '' WHERE ?2) n""".formatted(INBOX_CHANNEL, DELIVERIES_CHANNEL), Object[].class)
                .setParameter(1, String.join(" ", units))
                .setParameter(2, deliveries)
                .getSingleResult();
        own(((Number) sent[1]).intValue());
        committed.fire(new Committed(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(units)), deliveries));
    }

    /**
     * The writing statement sent the NOTIFYs itself (hcons: the consumer's notification insert, one round trip
     * fewer): records its backend {@code pid} as this process's and tells this process's streams and worker after the
     * commit, as {@link #written} does. {@code rowsHanded}: the writer hands the rows to this process's live streams
     * itself ({@link Committed#rowsHanded}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notified(int pid, Collection<String> units, boolean deliveries, boolean rowsHanded) {
        if (units.isEmpty() && !deliveries) {
            return;
        }
        own(pid);
        committed.fire(new Committed(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(units)), deliveries,
                rowsHanded));
    }

    /** Remembers backend {@code pid} as this process's: called before the commit, so before its NOTIFY can arrive. */
    private void own(int pid) {
        long now = System.nanoTime();
        ownBackends.put(pid, now);
        if (ownBackends.size() > PRUNE_ABOVE) {
            // backends of connections the pool has closed are never asked about again: drop the expired ones
            ownBackends.values().removeIf(at -> now - at > OWN_FOR.toNanos());
        }
    }

    /** Whether a NOTIFY from backend {@code pid} was sent by this process (see the class comment). */
    public boolean sentHere(int pid) {
        Long at = ownBackends.get(pid);
        if (at == null) {
            return false;
        }
        if (System.nanoTime() - at > OWN_FOR.toNanos()) {
            ownBackends.remove(pid, at);
            return false;
        }
        return true;
    }
}
