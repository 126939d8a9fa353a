package org.duban.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.duban.common.messaging.Topics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates the topics of common's {@link Topics} declaration (see docs/architecture.md) when missing,
 * for the local run and the tests; in production the platform declares the same topics from the
 * same declaration (deploy/k8s/base/kafka/topics.yaml, deploy/compose/create-topics.sh).
 */
public final class DubanTopics {
    public static final String UNITS = Topics.UNITS;
    public static final String UNIT_GROUPS = Topics.UNIT_GROUPS;
    public static final String TASK_EVENTS = Topics.TASK_EVENTS;

    private DubanTopics() {
    }

    public static List<NewTopic> all() {
        return all((short) 1);
    }

    /** The topics with {@code replicationFactor} copies of each partition (3 on a production cluster). */
    public static List<NewTopic> all(short replicationFactor) {
        return Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.config(replicationFactor)))
                .collect(Collectors.toList());
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
