package org.duban.task.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.Snapshot;
import org.duban.common.messaging.ProcessedEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.OffsetDateTime;

/** Keeps {@link UnitGroupReplica} in step with the registry's snapshots on duban.unit-groups. */
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

    /** Stores the snapshot unless the replica already holds a newer version. */
    void apply(JsonNode s) {
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
        g.memberCodes = UnitReplicaConsumer.strings(s.path("memberCodes"));
        g.open = s.path("open").asBoolean("OPEN".equals(g.kind));
        g.active = s.path("active").asBoolean(true);
        g.version = version;
        g.updatedAt = OffsetDateTime.now();
        g.persist();
    }
}
