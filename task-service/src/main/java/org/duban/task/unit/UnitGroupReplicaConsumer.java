package org.duban.task.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.Snapshot;
import org.duban.replica.ReplicaSnapshots;
import org.duban.replica.SnapshotConsumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/**
 * Keeps {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots on
 * duban.unit-groups; never stops, as {@link UnitReplicaConsumer}.
 */
@ApplicationScoped
public class UnitGroupReplicaConsumer {

    static final String CONSUMER = "task-unit-group-replica";

    // no processed_event row: the version guard makes a replayed snapshot a no-op (ReplicaSnapshots)
    @Inject
    ObjectMapper json;

    @Inject
    SnapshotConsumption consumption;

    @Incoming("unit-groups")
    @Blocking
    public void onSnapshot(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).ifPresent(s -> consumption.consume(CONSUMER, record,
                () -> QuarkusTransaction.requiringNew().run(() -> apply(s.data()))));
    }

    void apply(JsonNode s) {
        ReplicaSnapshots.applyGroup(s);
    }
}
