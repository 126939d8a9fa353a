package org.duban.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.common.messaging.EventLogContext;
import org.duban.common.messaging.Snapshot;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one consumer of the registry's snapshots (duban.units, duban.unit-groups) both replicas use (issue 18:
 * no copies): read the snapshot, apply it in a transaction of its own per attempt under the version guard
 * ({@link ReplicaSnapshots}, so a replay needs no processed_event row), with the unit's code in the log.
 * A service extends it with its own {@code @Incoming("units")}/{@code @Incoming("unit-groups")} methods
 * calling {@link #onUnit}/{@link #onGroup} (the channels are the service's), and says:
 * <ul>
 * <li>its replica entity (the constructor's arguments) and its own columns ({@link #completeUnit});</li>
 * <li>how a record is consumed without stopping the channel ({@link #consume}: task-service retries in place
 * and skips, {@link SnapshotConsumption}; notification-service parks);</li>
 * <li>what follows a unit that arrived ({@link #unitArrived}: notification-service re-drives the events
 * parked for it).</li>
 * </ul>
 * The {@code @Incoming} methods stay in the service's class: Quarkus does not take them from a superclass.
 */
public abstract class ReplicaConsumer<U extends UnitReplicaBase> {

    @Inject
    protected ObjectMapper json;

    private final Class<U> unitType;
    private final Supplier<U> newUnit;

    /** @param unitType the service's unit replica entity; {@code newUnit} makes an empty one */
    protected ReplicaConsumer(Class<U> unitType, Supplier<U> newUnit) {
        this.unitType = unitType;
        this.newUnit = newUnit;
    }

    /** Sets the service's own columns of a unit stored from {@code snapshot} (in the same transaction). */
    protected void completeUnit(U unit, JsonNode snapshot) {
    }

    /** Applies {@code step} (its own transaction) for {@code record} without stopping the channel; true if applied. */
    protected abstract boolean consume(String consumer, ConsumerRecord<String, String> record, InPlaceRetry.Step step);

    /** After the snapshot of unit {@code code} was applied. */
    protected void unitArrived(String code) {
    }

    /** Consumes a duban.units record as {@code consumer}. */
    protected void onUnit(String consumer, ConsumerRecord<String, String> record) {
        Optional<Snapshot> snapshot = Snapshot.read(record, json);
        if (snapshot.isEmpty()) {
            return;
        }
        String code = snapshot.get().code();
        if (consume(consumer, record, () -> {
            EventLogContext.unitCode(code); // in the log until the consumption closes the context
            // a transaction per attempt, outside the retry: a failed attempt leaves nothing behind
            apply(record, true, null);
        })) {
            unitArrived(code);
        }
    }

    /** Consumes a duban.unit-groups record as {@code consumer}. */
    protected void onGroup(String consumer, ConsumerRecord<String, String> record) {
        consume(consumer, record, () -> apply(record, false, null));
    }

    /**
     * Applies a unit ({@code unit}) or group snapshot record in a new transaction, with {@code alsoInTransaction}
     * (may be null) in the same one; a record that is no snapshot changes nothing.
     */
    public void apply(ConsumerRecord<String, String> record, boolean unit, Runnable alsoInTransaction) {
        Snapshot.read(record, json).ifPresent(s -> QuarkusTransaction.requiringNew().run(() -> {
            if (unit) {
                applyUnit(s.data());
            } else {
                applyGroup(s.data());
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
        }));
    }

    /** Stores a unit snapshot unless the replica already holds a newer version (in the caller's transaction). */
    public void applyUnit(JsonNode snapshot) {
        ReplicaSnapshots.applyUnit(snapshot, unitType, newUnit).ifPresent(u -> completeUnit(u, snapshot));
    }

    /** Stores a group snapshot unless the replica already holds a newer version (in the caller's transaction). */
    public void applyGroup(JsonNode snapshot) {
        ReplicaSnapshots.applyGroup(snapshot);
    }
}
