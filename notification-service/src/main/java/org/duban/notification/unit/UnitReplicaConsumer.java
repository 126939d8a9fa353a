package org.duban.notification.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Produces;
import org.duban.notification.parking.Consumption;
import org.duban.notification.parking.ParkedEventApplier;
import org.duban.notification.parking.ParkedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.EventLogContext;
import org.duban.common.messaging.Snapshot;
import org.duban.replica.ReplicaSnapshots;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@link UnitReplica} and {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots on
 * duban.units and duban.unit-groups. A snapshot older than the replica's version changes nothing and
 * the same one again writes what is there, so a replay needs no processed_event row.
 */
@ApplicationScoped
public class UnitReplicaConsumer {

    /** The consumers' names, as parked records and the health check show them. */
    static final String UNITS = "notification-unit-replica";
    static final String GROUPS = "notification-unit-group-replica";

    @Inject
    ObjectMapper json;

    @Inject
    Consumption consumption;

    @Inject
    ParkedEvents parked;

    /**
     * Like the task events, never stops (issue 13): retried in place while the database is away,
     * parked when the database refuses the snapshot. Once a unit is in the replica, the task events
     * parked because it was not are re-driven.
     */
    @Incoming("units")
    @Blocking
    public void onUnit(ConsumerRecord<String, String> record) {
        Optional<Snapshot> snapshot = Snapshot.read(record, json);
        if (snapshot.isEmpty()) {
            return;
        }
        String code = snapshot.get().code();
        if (consumption.consume(UNITS, record, () -> {
            EventLogContext.unitCode(code); // in the log until Consumption closes the context
            units.apply(record, null);
        })) {
            parked.redriveWaitingFor(code);
        }
    }

    @Incoming("unit-groups")
    @Blocking
    public void onGroup(ConsumerRecord<String, String> record) {
        consumption.consume(GROUPS, record, () -> groups.apply(record, null));
    }

    /** Re-drives parked unit snapshots. */
    @Produces
    @ApplicationScoped
    @Unremovable
    ParkedEventApplier unitsApplier() {
        return units;
    }

    /** Re-drives parked group snapshots. */
    @Produces
    @ApplicationScoped
    @Unremovable
    ParkedEventApplier groupsApplier() {
        return groups;
    }

    private final ParkedEventApplier units = applier(UNITS, true);
    private final ParkedEventApplier groups = applier(GROUPS, false);

    private ParkedEventApplier applier(String consumer, boolean unit) {
        return new ParkedEventApplier() {
            @Override
            public String consumer() {
                return consumer;
            }

            @Override
            public void apply(ConsumerRecord<String, String> record, Runnable alsoInTransaction) {
                Snapshot.read(record, json).ifPresent(s -> QuarkusTransaction.requiringNew().run(() -> {
                    // the replica's version guard makes a replayed snapshot a no-op: no processed_event row
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
        };
    }

    void applyUnit(JsonNode s) {
        ReplicaSnapshots.applyUnit(s, UnitReplica.class, UnitReplica::new).ifPresent(u -> {
            List<UnitContact> contacts = new ArrayList<>();
            for (JsonNode c : s.path("contacts")) {
                contacts.add(new UnitContact(c.path("name").asText(null), c.path("phone").asText(null),
                        c.path("email").asText(null), c.path("primary").asBoolean(false)));
            }
            u.contacts = contacts;
        });
    }

    void applyGroup(JsonNode s) {
        ReplicaSnapshots.applyGroup(s);
    }
}
