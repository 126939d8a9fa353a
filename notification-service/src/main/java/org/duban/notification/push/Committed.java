package org.duban.notification.push;

import java.util.Set;

/**
 * Rows the live streams or the delivery worker are waiting for have committed: inbox notifications
 * of {@code units}, and (if {@code deliveries}) deliveries due now. Fired in the writing transaction
 * and observed {@code during = AFTER_SUCCESS}, so nobody is woken for a rollback; fired by
 * {@link NotifyListener} (no transaction: the observers run at once) for another replica's commits.
 * {@code units == null}: every unit (a NOTIFY may have been missed while the listener was away).
 */
public record Committed(Set<String> units, boolean deliveries, boolean rowsHanded) {

    /**
     * {@code rowsHanded}: this process wrote the inbox rows of {@code units} and hands them to its live streams from
     * memory ({@code org.duban.notification.inbox.Inserted}, hcons3), so the streams need not read them back; waits
     * that read anyway (the feed's) are still woken.
     */
    public Committed(Set<String> units, boolean deliveries) {
        this(units, deliveries, false);
    }

    /** Wakes every stream and the worker: after the listening connection was re-opened. */
    public static Committed everything() {
        return new Committed(null, true);
    }

    public boolean touches(String unit) {
        return units == null || units.contains(unit);
    }
}
