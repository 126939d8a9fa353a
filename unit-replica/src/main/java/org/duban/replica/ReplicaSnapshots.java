package org.duban.replica;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.Panache;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a registry snapshot (the {@code data} of a duban.units / duban.unit-groups event) is applied
 * to a replica: stored unless the replica already holds a newer version, so a replay or a late
 * older snapshot never rolls a replica back, and the same snapshot again changes nothing: the
 * consumers need no processed_event row for these topics.
 */
public final class ReplicaSnapshots {

    private static final Logger LOG = Logger.getLogger(ReplicaSnapshots.class);

    private ReplicaSnapshots() {
    }

    /**
     * Applies a unit snapshot's common fields to the service's replica entity ({@code type},
     * made with {@code fresh} when new) and returns it, persisted, for the service to set its own
     * columns; empty when the snapshot has no code or the replica holds a newer version.
     */
    public static <U extends UnitReplicaBase> Optional<U> applyUnit(JsonNode s, Class<U> type, Supplier<U> fresh) {
        String code = s.path("code").asText(null);
        if (code == null) {
            LOG.warnf("skipping unit snapshot without code: %s", s);
            return Optional.empty();
        }
        long version = s.path("version").asLong();
        U u = Panache.getEntityManager().find(type, code);
        if (u == null) {
            u = fresh.get();
            u.code = code;
        } else if (u.version > version) {
            return Optional.empty();
        }
        u.name = s.path("name").asText();
        u.shortName = s.path("shortName").asText(null);
        u.type = s.path("type").asText("OTHER");
        u.active = s.path("active").asBoolean(true);
        u.parentCode = s.path("parent").asText(null);
        u.tags = strings(s.path("tags"));
        u.version = version;
        u.updatedAt = OffsetDateTime.now();
        u.persist();
        return Optional.of(u);
    }

    /** Applies a group snapshot. */
    public static void applyGroup(JsonNode s) {
        String code = s.path("code").asText(null);
        if (code == null) {
            LOG.warnf("skipping group snapshot without code: %s", s);
            return;
        }
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

    /** A JSON array of strings as a list (empty when absent). */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
