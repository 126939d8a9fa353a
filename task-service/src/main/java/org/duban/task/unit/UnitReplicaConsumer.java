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
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Keeps {@link UnitReplica} in step with the registry's snapshots on duban.units. */
@ApplicationScoped
public class UnitReplicaConsumer {

    private static final Logger LOG = Logger.getLogger(UnitReplicaConsumer.class);
    static final String CONSUMER = "task-unit-replica";

    @Inject
    ProcessedEvents processed;

    @Inject
    ObjectMapper json;

    @Incoming("units")
    @Blocking
    @Transactional
    public void onSnapshot(ConsumerRecord<String, String> record) {
        Snapshot.read(record, json).filter(s -> processed.firstTime(CONSUMER, s.eventId()))
                .ifPresent(s -> apply(s.data()));
    }

    /** Stores the snapshot unless the replica already holds the same or a newer version. */
    void apply(JsonNode s) {
        String code = s.path("code").asText(null);
        if (code == null) {
            LOG.warnf("skipping unit snapshot without code: %s", s);
            return;
        }
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
        u.active = s.path("active").asBoolean(true);
        u.parentCode = s.path("parent").asText(null);
        u.tags = strings(s.path("tags"));
        u.validTo = s.hasNonNull("validTo") ? LocalDate.parse(s.get("validTo").asText()) : null;
        u.successors = strings(s.path("successors"));
        u.version = version;
        u.updatedAt = OffsetDateTime.now();
        u.persist();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
