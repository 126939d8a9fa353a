package org.duban.task.unit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Publishes unit snapshots on duban.units as the registry does, for task-service's tests. */
public final class RegistryUnits {
    private RegistryUnits() {
    }

    /** Publishes a snapshot; returns its event id. */
    public static String publish(String code, String name, boolean active, long version) {
        return publish(code, name, "MUNICIPAL_DEPARTMENT", active, version);
    }

    /** Publishes a snapshot of a unit of {@code type} (DISTRICT, ZONE_COMMITTEE …); returns its event id. */
    public static String publish(String code, String name, String type, boolean active, long version) {
        String id = UUID.randomUUID().toString();
        String json = """
                {"code":"%s","name":"%s","shortName":null,"type":"%s","active":%s,"version":%d}"""
                .formatted(code, name, type, active, version);
        ProducerRecord<String, String> r = new ProducerRecord<>("duban.units", code, json);
        r.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", "unit.snapshot".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_source", "/duban/unit-registry-service".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        KafkaProbe.send(TestInfra.get().bootstrapServers(), r);
        return id;
    }

    /** Publishes a group snapshot on duban.unit-groups as the registry does; returns its event id. */
    public static String publishGroup(String code, String name, String kind, java.util.List<String> members, long version) {
        String id = UUID.randomUUID().toString();
        String memberJson = members.stream().map(m -> "\"" + m + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
        String json = """
                {"code":"%s","name":"%s","aliases":[],"kind":"%s","rule":{"types":[],"tags":[],"parent":null},
                 "members":[],"memberCodes":%s,"open":%s,"active":true,"version":%d}"""
                .formatted(code, name, kind, memberJson, "OPEN".equals(kind), version);
        ProducerRecord<String, String> r = new ProducerRecord<>("duban.unit-groups", code, json);
        r.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", "unit-group.snapshot".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_source", "/duban/unit-registry-service".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        KafkaProbe.send(TestInfra.get().bootstrapServers(), r);
        return id;
    }

    /** Publishes an active unit and waits until the replica holds it at that version. */
    public static void seed(String code, String name) {
        seed(code, name, "MUNICIPAL_DEPARTMENT");
    }

    /** Publishes an active unit of {@code type} and waits until the replica holds it. */
    public static void seed(String code, String name, String type) {
        publish(code, name, type, true, 0);
        awaitReplica(code, 0, true);
    }

    public static void awaitReplica(String code, long version, boolean active) {
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            UnitReplica u = UnitReplica.findById(code);
            return u != null && u.version == version && u.active == active;
        }));
    }
}
