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


/** Keeps {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots on duban.unit-groups. */
@ApplicationScoped
public class UnitGroupReplicaConsumer {

    // no processed_event row: the version guard makes a replayed snapshot a no-op (ReplicaSnapshots)
    @Inject
    ObjectMapper json;

    @Incoming("unit-groups")
    @Blocking
    @Transactional
    public void onSnapshot(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).ifPresent(s -> apply(s.data()));
    }

    void apply(JsonNode s) {
        ReplicaSnapshots.applyGroup(s);
    }
}
