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
import org.duban.common.messaging.ProcessedEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/** Keeps {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots on duban.unit-groups. */
@ApplicationScoped
public class UnitGroupReplicaConsumer {

    static final String CONSUMER = "task-unit-group-replica";

    @Inject
    ProcessedEvents processed;

    @Inject
    ObjectMapper json;

    @Incoming("unit-groups")
    @Blocking
    @Transactional
    public void onSnapshot(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).filter(s -> processed.firstTime(CONSUMER, s.eventId()))
                .ifPresent(s -> apply(s.data()));
    }

    void apply(JsonNode s) {
        ReplicaSnapshots.applyGroup(s);
    }
}
