package org.duban.notification.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import org.duban.notification.parking.Consumption;
import org.duban.notification.parking.ParkedEventApplier;
import org.duban.notification.parking.ParkedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.replica.ReplicaConsumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@link UnitReplica} and {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots on
 * duban.units and duban.unit-groups: unit-replica's one {@link ReplicaConsumer}, with notification-service's
 * column (the contacts) and its way of never stopping: parked when the database refuses a snapshot, and the
 * task events parked for a unit re-driven once the unit arrives. A snapshot older than the replica's version
 * changes nothing and the same one again writes what is there, so a replay needs no processed_event row.
 */
@ApplicationScoped
public class UnitReplicaConsumer extends ReplicaConsumer<UnitReplica> {

    /** The consumers' names, as parked records and the health check show them. */
    static final String UNITS = "notification-unit-replica";
    static final String GROUPS = "notification-unit-group-replica";

    @Inject
    Consumption consumption;

    @Inject
    ParkedEvents parked;

    public UnitReplicaConsumer() {
        super(UnitReplica.class, UnitReplica::new);
    }

    /**
     * Like the task events, never stops (issue 13): retried in place while the database is away,
     * parked when the database refuses the snapshot. Once a unit is in the replica, the task events
     * parked because it was not are re-driven.
     */
    @Incoming("units")
    @Blocking
    public void onUnit(ConsumerRecord<String, String> record) {
        onUnit(UNITS, record);
    }

    @Incoming("unit-groups")
    @Blocking
    public void onGroup(ConsumerRecord<String, String> record) {
        onGroup(GROUPS, record);
    }

    @Override
    protected void completeUnit(UnitReplica u, JsonNode s) {
        List<UnitContact> contacts = new ArrayList<>();
        for (JsonNode c : s.path("contacts")) {
            contacts.add(new UnitContact(c.path("name").asText(null), c.path("phone").asText(null),
                    c.path("email").asText(null), c.path("primary").asBoolean(false)));
        }
        u.contacts = contacts;
    }

    @Override
    protected boolean consume(String consumer, ConsumerRecord<String, String> record, InPlaceRetry.Step step) {
        return consumption.consume(consumer, record, step);
    }

    @Override
    protected void unitArrived(String code) {
        parked.redriveWaitingFor(code);
    }

    /** Re-drives parked unit snapshots. */
    @Produces
    @ApplicationScoped
    @Unremovable
    ParkedEventApplier unitsApplier() {
        return applier(UNITS, true);
    }

    /** Re-drives parked group snapshots. */
    @Produces
    @ApplicationScoped
    @Unremovable
    ParkedEventApplier groupsApplier() {
        return applier(GROUPS, false);
    }

    private ParkedEventApplier applier(String consumer, boolean unit) {
        return new ParkedEventApplier() {
            @Override
            public String consumer() {
                return consumer;
            }

            @Override
            public void apply(ConsumerRecord<String, String> record, Runnable alsoInTransaction) {
                UnitReplicaConsumer.this.apply(record, unit, alsoInTransaction);
            }
        };
    }
}
