package org.duban.task.unit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class UnitReplicaTest {

    @Test
    void replicaFollowsNewerSnapshotsAndIgnoresOlderOnes() {
        String code = "r-" + UUID.randomUUID().toString().substring(0, 8);
        RegistryUnits.publish(code, "珠海市审计局", true, 0);
        RegistryUnits.awaitReplica(code, 0, true);

        RegistryUnits.publish(code, "珠海市审计局（改）", false, 2);
        RegistryUnits.awaitReplica(code, 2, false);

        // an older snapshot arriving late (version 1 < 2) must not roll the replica back;
        // duban.units has one partition, so once a later marker is applied the old one was consumed
        RegistryUnits.publish(code, "旧名称", true, 1);
        String marker = code + "-m";
        RegistryUnits.seed(marker, "标记单位" + marker);
        UnitReplica u = QuarkusTransaction.requiringNew().call(() -> UnitReplica.<UnitReplica>findById(code));
        assertEquals(2, u.version);
        assertEquals("珠海市审计局（改）", u.name);
        assertFalse(u.active);
    }
}
