package org.duban.task.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.replica.ReplicaConsumer;
import org.duban.replica.ReplicaSnapshots;
import org.duban.replica.SnapshotConsumption;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.LocalDate;

/**
 * Keeps {@link UnitReplica} and {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots
 * on duban.units and duban.unit-groups: unit-replica's one {@link ReplicaConsumer}, with task-service's columns
 * (validity, successors). Never stops (issue 13, {@link SnapshotConsumption}): a snapshot is retried in place
 * while the database is away and skipped, logged, when it cannot be applied.
 */
@ApplicationScoped
public class UnitReplicaConsumer extends ReplicaConsumer<UnitReplica> {

    /** The consumers' names in the log. */
    static final String UNITS = "task-unit-replica";
    static final String GROUPS = "task-unit-group-replica";

    @Inject
    SnapshotConsumption consumption;

    public UnitReplicaConsumer() {
        super(UnitReplica.class, UnitReplica::new);
    }

    @Incoming("units")
    @Blocking
    public void onSnapshot(ConsumerRecord<String, String> record) {
        onUnit(UNITS, record);
    }

    @Incoming("unit-groups")
    @Blocking
    public void onGroupSnapshot(ConsumerRecord<String, String> record) {
        onGroup(GROUPS, record);
    }

    @Override
    protected void completeUnit(UnitReplica u, JsonNode s) {
        u.validTo = s.hasNonNull("validTo") ? LocalDate.parse(s.get("validTo").asText()) : null;
        u.successors = ReplicaSnapshots.strings(s.path("successors"));
    }

    @Override
    protected boolean consume(String consumer, ConsumerRecord<String, String> record, InPlaceRetry.Step step) {
        return consumption.consume(consumer, record, step);
    }
}
