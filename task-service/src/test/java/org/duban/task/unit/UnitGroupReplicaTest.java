package org.duban.task.unit;

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
class UnitGroupReplicaTest {

    private static UnitGroupReplica read(String code) {
        return QuarkusTransaction.requiringNew().call(() -> UnitGroupReplica.<UnitGroupReplica>findById(code));
    }

    private static void awaitVersion(String code, long version) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            UnitGroupReplica g = read(code);
            return g != null && g.version == version;
        });
    }

    @Test
    void groupReplicaFollowsNewerSnapshotsAndIgnoresOlderOnes() {
        String code = "g-" + UUID.randomUUID().toString().substring(0, 8);
        RegistryUnits.publishGroup(code, "各区政府（管委会）", "RULE", List.of("xzq", "dmq"), 0);
        awaitVersion(code, 0);
        RegistryUnits.publishGroup(code, "各区政府（管委会）", "RULE", List.of("xzq", "dmq", "hqxq"), 2);
        awaitVersion(code, 2);
        RegistryUnits.publishGroup(code, "旧", "RULE", List.of(), 1);
        // duban.unit-groups has one partition: once a later marker is applied, the old one was consumed
        String marker = code + "-m";
        RegistryUnits.publishGroup(marker, "市直有关单位", "OPEN", List.of(), 0);
        awaitVersion(marker, 0);
        UnitGroupReplica g = read(code);
        assertEquals(List.of("xzq", "dmq", "hqxq"), g.memberCodes);
        assertEquals("各区政府（管委会）", g.name);
        UnitGroupReplica open = read(marker);
        assertTrue(open.open);
        assertTrue(open.memberCodes.isEmpty());
    }

    @Test
    void theReplicaKeepsTheNewUnitSnapshotFields() {
        String code = "u-" + UUID.randomUUID().toString().substring(0, 8);
        String json = """
                {"code":"%s","name":"珠海市卫生和计划生育局","shortName":"市卫生计生局","aliases":["市卫计局"],"type":"MUNICIPAL_DEPARTMENT",
                 "parent":"szf","tags":["openness-office"],"contacts":[{"name":"甲","phone":"1","email":"a@b.example","primary":true}],
                 "validFrom":null,"validTo":"2019-01-24","predecessors":[],"successors":["wsjkj"],"active":false,"version":3}"""
                .formatted(code);
        ProducerRecord<String, String> r = new ProducerRecord<>("duban.units", code, json);
        r.headers().add(new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", "unit.snapshot".getBytes(StandardCharsets.UTF_8)));
        KafkaProbe.send(TestInfra.get().bootstrapServers(), r);
        RegistryUnits.awaitReplica(code, 3, false);
        UnitReplica u = QuarkusTransaction.requiringNew().call(() -> UnitReplica.<UnitReplica>findById(code));
        assertEquals("szf", u.parentCode);
        assertEquals(List.of("openness-office"), u.tags);
        assertEquals(List.of("wsjkj"), u.successors);
        assertEquals("2019-01-24", u.validTo.toString());
    }
}
