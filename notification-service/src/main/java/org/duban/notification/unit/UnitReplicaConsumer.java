package org.duban.notification.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.Snapshot;
import org.duban.replica.ReplicaSnapshots;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@link UnitReplica} and {@link org.duban.replica.UnitGroupReplica} in step with the registry's snapshots on
 * duban.units and duban.unit-groups. A snapshot older than the replica's version changes nothing and
 * the same one again writes what is there, so a replay needs no processed_event row.
 */
@ApplicationScoped
public class UnitReplicaConsumer {

    @Inject
    ObjectMapper json;

    @Incoming("units")
    @Blocking
    @Transactional
    public void onUnit(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).ifPresent(s -> applyUnit(s.data()));
    }

    @Incoming("unit-groups")
    @Blocking
    @Transactional
    public void onGroup(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).ifPresent(s -> applyGroup(s.data()));
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
