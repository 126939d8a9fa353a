package org.duban.notification.unit;

import org.duban.replica.UnitGroupReplica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class UnitReplicaConsumerTest {

    private static String send(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
        r.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_source", "/duban/unit-registry-service".getBytes(StandardCharsets.UTF_8)));
        KafkaProbe.send(TestInfra.get().bootstrapServers(), r);
        return id;
    }

    private static String unit(String code, String name, String contacts, long version) {
        return """
                {"code":"%s","name":"%s","shortName":"市政府办公室","aliases":[],"type":"MUNICIPAL_DEPARTMENT","parent":"szf",
                 "tags":["openness-office"],"contacts":%s,"validFrom":null,"validTo":null,"predecessors":[],"successors":[],
                 "active":true,"version":%d}""".formatted(code, name, contacts, version);
    }

    private static UnitReplica readUnit(String code) {
        return QuarkusTransaction.requiringNew().call(() -> UnitReplica.<UnitReplica>findById(code));
    }

    @Test
    void unitsAreReplicatedWithTheirContactsAndOlderSnapshotsAreIgnored() {
        String code = "n-" + UUID.randomUUID().toString().substring(0, 8);
        send("duban.units", code, "unit.snapshot", unit(code, "珠海市人民政府办公室",
                "[{\"name\":\"陈晓明\",\"phone\":\"0756-2100001\",\"email\":\"gk@szfb.example\",\"primary\":false},"
                        + "{\"name\":\"李静\",\"email\":\"lj@szfb.example\",\"primary\":true}]", 1));
        await().atMost(Duration.ofSeconds(15)).until(() -> readUnit(code) != null);
        UnitReplica u = readUnit(code);
        assertEquals(2, u.contacts.size());
        assertEquals("李静", u.primaryContact().orElseThrow().name());
        assertEquals(List.of("openness-office"), u.tags);

        // version 0 arrives late: it must not roll the replica back; a later marker proves it was consumed
        send("duban.units", code, "unit.snapshot", unit(code, "旧名称", "[]", 0));
        String marker = code + "-m";
        send("duban.units", marker, "unit.snapshot", unit(marker, "标记", "[]", 0));
        await().atMost(Duration.ofSeconds(15)).until(() -> readUnit(marker) != null);
        assertEquals("珠海市人民政府办公室", readUnit(code).name);
        assertEquals(2, readUnit(code).contacts.size());
    }

    @Test
    void groupsAreReplicatedWithTheirMembers() {
        String code = "ng-" + UUID.randomUUID().toString().substring(0, 8);
        String json = """
                {"code":"%s","name":"各区政府（管委会）","aliases":[],"kind":"RULE","rule":{"types":["DISTRICT"],"tags":[],"parent":null},
                 "members":[],"memberCodes":["xzq","dmq","jwq"],"open":false,"active":true,"version":4}""".formatted(code);
        send("duban.unit-groups", code, "unit-group.snapshot", json);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> UnitGroupReplica.findById(code)) != null);
        UnitGroupReplica g = QuarkusTransaction.requiringNew().call(() -> UnitGroupReplica.<UnitGroupReplica>findById(code));
        assertEquals(List.of("xzq", "dmq", "jwq"), g.memberCodes);
        assertEquals(4, g.version);
        assertTrue(!g.open);
    }
}
