package org.duban.common.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one declaration of Duban's Kafka topics (docs/architecture.md "Topics"). The code uses these
 * names; infra's {@code DubanTopics} creates the topics from it for the local run and the tests;
 * deploy-tests' {@code TopicFiles} writes the production declarations from it
 * ({@code deploy/k8s/base/kafka/topics.yaml}, {@code deploy/compose/create-topics.sh}), and
 * {@code TopicDeclarationTest} fails when those files are stale or when an application.properties
 * names a topic missing here. Plain Java on purpose: infra and deploy-tests read it without Quarkus.
 */
public final class Topics {

    /** Registry unit snapshots, key = unit code; compacted: the latest snapshot of every unit is kept. */
    public static final String UNITS = "duban.units";
    /** Registry group snapshots, key = group code; compacted. */
    public static final String UNIT_GROUPS = "duban.unit-groups";
    /** Task events, key = task id (plan id for plan.published): per-task order within a partition. */
    public static final String TASK_EVENTS = "duban.task-events";
    /**
     * task-service's working-day calendar, key = year, value = that year's holidays and 调休 working
     * days (org.duban.events.calendar.CalendarYear); compacted: the latest snapshot of every year is kept.
     */
    public static final String CALENDAR = "duban.calendar";

    /** Copies of each partition on a production cluster (three brokers). */
    public static final int PRODUCTION_REPLICAS = 3;
    /** Acknowledged copies a write needs on a production cluster: one broker may be down. */
    public static final int PRODUCTION_MIN_IN_SYNC_REPLICAS = 2;

    /** Kafka's cleanup.policy values the topics use. */
    public enum Cleanup {
        COMPACT("compact"), DELETE("delete");

        public final String kafkaName;

        Cleanup(String kafkaName) {
            this.kafkaName = kafkaName;
        }
    }

    /**
     * One topic: its name, partitions (the most consumers of one group that can share it),
     * cleanup policy and, for a deleting topic, how long records are kept.
     */
    public record Topic(String name, int partitions, Cleanup cleanup, Optional<Duration> retention) {

        /**
         * The topic-level configuration for a cluster whose topics have {@code replicas} copies:
         * cleanup.policy, retention.ms when set, and min.insync.replicas (2, or fewer when there are
         * fewer copies: a single local broker has one).
         */
        public Map<String, String> config(int replicas) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("cleanup.policy", cleanup.kafkaName);
            retention.ifPresent(r -> config.put("retention.ms", Long.toString(r.toMillis())));
            config.put("min.insync.replicas", Integer.toString(Math.min(PRODUCTION_MIN_IN_SYNC_REPLICAS, replicas)));
            return config;
        }
    }

    /**
     * Every topic, in a fixed order. duban.task-events keeps records 7 days: longer than any outage a
     * consumer is expected to catch up from, shorter than the consumers' processed-id retention
     * (duban.messaging.processed.retention, 14 d), so a redelivered record is always recognised.
     */
    public static final List<Topic> ALL = List.of(
            new Topic(UNITS, 1, Cleanup.COMPACT, Optional.empty()),
            new Topic(UNIT_GROUPS, 1, Cleanup.COMPACT, Optional.empty()),
            new Topic(TASK_EVENTS, 3, Cleanup.DELETE, Optional.of(Duration.ofDays(7))),
            new Topic(CALENDAR, 1, Cleanup.COMPACT, Optional.empty()));

    private Topics() {
    }

    /** The declared topic of that name. */
    public static Optional<Topic> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
