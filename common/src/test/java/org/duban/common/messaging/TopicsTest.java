package org.duban.common.messaging;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topic declaration's per-cluster settings: one broker (local run, tests) and a production cluster of three. */
class TopicsTest {

    @Test
    void aProductionClusterNeedsTwoInSyncCopiesAndASingleBrokerOne() {
        Topics.Topic taskEvents = Topics.named(Topics.TASK_EVENTS).orElseThrow();
        assertEquals(Map.of("cleanup.policy", "delete", "retention.ms", "604800000", "min.insync.replicas", "2"),
                taskEvents.config(Topics.PRODUCTION_REPLICAS));
        assertEquals("1", taskEvents.config(1).get("min.insync.replicas"));
        assertEquals("2", taskEvents.config(2).get("min.insync.replicas"));
        assertEquals(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"),
                Topics.named(Topics.UNITS).orElseThrow().config(3));
    }

    @Test
    void everyTopicIsDeclaredOnceUnderItsConstant() {
        assertEquals(4, Topics.ALL.size());
        assertEquals(4, Topics.ALL.stream().map(Topics.Topic::name).distinct().count());
        for (String name : new String[]{Topics.UNITS, Topics.UNIT_GROUPS, Topics.TASK_EVENTS, Topics.CALENDAR}) {
            assertTrue(Topics.named(name).isPresent(), name);
        }
        assertTrue(Topics.named("duban.unknown").isEmpty());
        // the calendar is a replica's source like the units: compacted, one partition keeps a year's snapshots in order
        Topics.Topic calendar = Topics.named(Topics.CALENDAR).orElseThrow();
        assertEquals(1, calendar.partitions());
        assertEquals(Topics.Cleanup.COMPACT, calendar.cleanup());
        assertTrue(calendar.retention().isEmpty());
    }
}
