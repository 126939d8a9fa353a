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
 */
@ApplicationScoped
public class CommitSignals {

    public static final String INBOX_CHANNEL = "duban_inbox";
    public static final String DELIVERIES_CHANNEL = "duban_deliveries";

    @Inject
    Session session;

    @Inject
    Event<Committed> committed;

    /** One statement, however many units (unit codes have no spaces: common's UnitCodes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void written(Collection<String> units, boolean deliveries) {
        if (units.isEmpty() && !deliveries) {
            return;
        }
        session.createNativeQuery("""
                SELECT count(pg_notify(channel, payload)) FROM (
                    SELECT '%s' AS channel, u AS payload FROM unnest(string_to_array(?1, ' ')) u
                    UNION ALL
                    SELECT '%s', '' WHERE ?2) n""".formatted(INBOX_CHANNEL, DELIVERIES_CHANNEL), Long.class)
                .setParameter(1, String.join(" ", units))
                .setParameter(2, deliveries)
                .getSingleResult();
        committed.fire(new Committed(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(units)), deliveries));
    }
}
