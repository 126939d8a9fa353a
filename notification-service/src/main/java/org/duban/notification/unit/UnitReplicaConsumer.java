package org.duban.notification.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.Snapshot;
import org.duban.common.messaging.ProcessedEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@link UnitReplica} and {@link UnitGroupReplica} in step with the registry's snapshots on
 * duban.units and duban.unit-groups. Each event applies once (processed_event); a snapshot older
 * than the replica's version changes nothing, so a replay never rolls a replica back.
 */
@ApplicationScoped
public class UnitReplicaConsumer {

    static final String UNITS = "notification-unit-replica";
    static final String GROUPS = "notification-unit-group-replica";

    @Inject
    ProcessedEvents processed;

    @Inject
    ObjectMapper json;

    @Incoming("units")
    @Blocking
    @Transactional
    public void onUnit(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).filter(s -> processed.firstTime(UNITS, s.eventId()))
                .ifPresent(s -> applyUnit(s.data()));
    }

    @Incoming("unit-groups")
    @Blocking
    @Transactional
    public void onGroup(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).filter(s -> processed.firstTime(GROUPS, s.eventId()))
                .ifPresent(s -> applyGroup(s.data()));
    }

    void applyUnit(JsonNode s) {
        String code = s.path("code").asText();
        long version = s.path("version").asLong();
        UnitReplica u = UnitReplica.findById(code);
        if (u == null) {
            u = new UnitReplica();
            u.code = code;
        } else if (u.version > version) {
            return;
        }
        u.name = s.path("name").asText();
        u.shortName = s.path("shortName").asText(null);
        u.type = s.path("type").asText("OTHER");
        u.parentCode = s.path("parent").asText(null);
        u.tags = strings(s.path("tags"));
        List<UnitContact> contacts = new ArrayList<>();
        for (JsonNode c : s.path("contacts")) {
            contacts.add(new UnitContact(c.path("name").asText(null), c.path("phone").asText(null),
                    c.path("email").asText(null), c.path("primary").asBoolean(false)));
        }
        u.contacts = contacts;
        u.active = s.path("active").asBoolean(true);
        u.version = version;
        u.updatedAt = OffsetDateTime.now();
        u.persist();
    }

    void applyGroup(JsonNode s) {
        String code = s.path("code").asText();
        long version = s.path("version").asLong();
        UnitGroupReplica g = UnitGroupReplica.findById(code);
        if (g == null) {
            g = new UnitGroupReplica();
            g.code = code;
        } else if (g.version > version) {
            return;
        }
        g.name = s.path("name").asText();
        g.kind = s.path("kind").asText("RULE");
        g.memberCodes = strings(s.path("memberCodes"));
        g.open = s.path("open").asBoolean("OPEN".equals(g.kind));
        g.active = s.path("active").asBoolean(true);
        g.version = version;
        g.updatedAt = OffsetDateTime.now();
        g.persist();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
