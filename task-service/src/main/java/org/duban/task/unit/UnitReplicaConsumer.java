package org.duban.task.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.Snapshot;
import org.duban.replica.ReplicaSnapshots;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.LocalDate;

/** Keeps {@link UnitReplica} in step with the registry's snapshots on duban.units. */
@ApplicationScoped
public class UnitReplicaConsumer {

    // no processed_event row: the version guard makes a replayed snapshot a no-op (ReplicaSnapshots)
    @Inject
    ObjectMapper json;

    @Incoming("units")
    @Blocking
    @Transactional
    public void onSnapshot(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).ifPresent(s -> apply(s.data()));
    }

    /** Stores the snapshot unless the replica already holds a newer version. */
    void apply(JsonNode s) {
        ReplicaSnapshots.applyUnit(s, UnitReplica.class, UnitReplica::new).ifPresent(u -> {
            u.validTo = s.hasNonNull("validTo") ? LocalDate.parse(s.get("validTo").asText()) : null;
            u.successors = ReplicaSnapshots.strings(s.path("successors"));
        });
    }
}
