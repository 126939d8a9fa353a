package org.duban.task.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.EventLogContext;
import org.duban.common.messaging.Snapshot;
import org.duban.replica.ReplicaSnapshots;
import org.duban.replica.SnapshotConsumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.LocalDate;

/**
 * Keeps {@link UnitReplica} in step with the registry's snapshots on duban.units. Never stops
 * (issue 13, {@link SnapshotConsumption}): a snapshot is retried in place while the database is away
 * and skipped, logged, when it cannot be applied.
 */
@ApplicationScoped
public class UnitReplicaConsumer {

    /** The consumer's name in the log. */
    static final String CONSUMER = "task-unit-replica";

    // no processed_event row: the version guard makes a replayed snapshot a no-op (ReplicaSnapshots)
    @Inject
    ObjectMapper json;

    @Inject
    SnapshotConsumption consumption;

    @Incoming("units")
    @Blocking
    public void onSnapshot(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).ifPresent(s -> consumption.consume(CONSUMER, record, () -> {
            EventLogContext.unitCode(s.code()); // in the log until the consumption closes the context
            // a transaction per attempt, outside the retry: a failed attempt leaves nothing behind
            QuarkusTransaction.requiringNew().run(() -> apply(s.data()));
        }));
    }

    /** Stores the snapshot unless the replica already holds a newer version. */
    void apply(JsonNode s) {
        ReplicaSnapshots.applyUnit(s, UnitReplica.class, UnitReplica::new).ifPresent(u -> {
            u.validTo = s.hasNonNull("validTo") ? LocalDate.parse(s.get("validTo").asText()) : null;
            u.successors = ReplicaSnapshots.strings(s.path("successors"));
        });
    }
}
