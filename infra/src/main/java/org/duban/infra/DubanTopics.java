package org.duban.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The topics of the suite (see docs/architecture.md). Created when missing by the local run and
 * the tests; in production they are declared by the platform (deploy/).
 */
public final class DubanTopics {
    public static final String UNITS = "duban.units";
    public static final String UNIT_GROUPS = "duban.unit-groups";
    public static final String TASK_EVENTS = "duban.task-events";

    private DubanTopics() {
    }

    public static List<NewTopic> all() {
        return all((short) 1);
    }

    /** The topics with {@code replicationFactor} copies of each partition (3 on a production cluster). */
    public static List<NewTopic> all(short replicationFactor) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                new NewTopic(UNITS, 1, replicationFactor).configs(compacted),
                new NewTopic(UNIT_GROUPS, 1, replicationFactor).configs(compacted),
                new NewTopic(TASK_EVENTS, 3, replicationFactor));
    }

    /** Creates the topics that do not exist yet on the single broker at {@code bootstrapServers}. */
    public static void ensure(String bootstrapServers) {
        ensure(bootstrapServers, (short) 1);
    }

    /** Creates the topics that do not exist yet on the cluster at {@code bootstrapServers}. */
    public static void ensure(String bootstrapServers, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = all(replicationFactor).stream().filter(t -> !existing.contains(t.name())).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create Duban's topics on " + bootstrapServers, e);
        }
    }
}
