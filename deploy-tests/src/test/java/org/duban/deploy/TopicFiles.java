package org.duban.deploy;

import org.duban.common.messaging.Topics;
import org.duban.common.messaging.Topics.Topic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the production declarations of the topics from common's {@link Topics}: Strimzi
 * {@code KafkaTopic} objects for Kubernetes and the kafka-topics.sh script Compose runs.
 * {@code TopicDeclarationTest} fails when the files in the repository differ from what this writes.
 * <p>
 * Run it from the repository root with {@link #REGENERATE}.
 */
public final class TopicFiles {

    /** The command that rewrites the files (from the repository root). */
    public static final String REGENERATE = "./mvnw -B -q -pl deploy-tests -am test-compile"
            + " && java -cp common/target/classes:deploy-tests/target/test-classes org.duban.deploy.TopicFiles";

    public static final Path KAFKA_TOPICS = Path.of("deploy", "k8s", "base", "kafka", "topics.yaml");
    public static final Path COMPOSE_SCRIPT = Path.of("deploy", "compose", "create-topics.sh");

    /** The Strimzi Kafka cluster the topics belong to (deploy/k8s; docs/deployment.md). */
    static final String STRIMZI_CLUSTER = "duban-kafka";
    /** The Strimzi API the other objects of deploy/k8s use (Kafka, KafkaUser): Strimzi 0.49 and later. */
    static final String STRIMZI_API = "kafka.strimzi.io/v1";

    private TopicFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : RepositoryRoot.find();
        write(root.resolve(KAFKA_TOPICS), kafkaTopicsYaml());
        write(root.resolve(COMPOSE_SCRIPT), composeScript());
        root.resolve(COMPOSE_SCRIPT).toFile().setExecutable(true, false);
        System.out.println("wrote " + KAFKA_TOPICS + " and " + COMPOSE_SCRIPT + " from " + Topics.class.getName());
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** One KafkaTopic per topic, production replication (3) and min.insync.replicas (2). */
    public static String kafkaTopicsYaml() {
        StringBuilder y = new StringBuilder()
                .append("# GENERATED from org.duban.common.messaging.Topics by org.duban.deploy.TopicFiles: do not edit.\n")
                .append("# Change the declaration, then regenerate (from the repository root):\n")
                .append("#   ").append(REGENERATE).append('\n')
                .append("# TopicDeclarationTest fails while this file differs from the declaration.\n");
        for (Topic t : Topics.ALL) {
            y.append("---\n")
                    .append("apiVersion: ").append(STRIMZI_API).append('\n')
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(t.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(STRIMZI_CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(t.name()).append('\n')
                    .append("  partitions: ").append(t.partitions()).append('\n')
                    .append("  replicas: ").append(Topics.PRODUCTION_REPLICAS).append('\n')
                    .append("  config:\n");
            // plain scalars: numbers are YAML integers, as in Strimzi's examples
            for (Map.Entry<String, String> c : t.config(Topics.PRODUCTION_REPLICAS).entrySet()) {
                y.append("    ").append(c.getKey()).append(": ").append(c.getValue()).append('\n');
            }
        }
        return y.toString();
    }

    /**
     * kafka-topics.sh --create --if-not-exists per topic, for Compose's one-shot container of the
     * Kafka image (one broker by default: replication 1, min.insync.replicas 1).
     */
    public static String composeScript() {
        StringBuilder s = new StringBuilder()
                .append("#!/bin/sh\n")
                .append("# GENERATED from org.duban.common.messaging.Topics by org.duban.deploy.TopicFiles: do not edit.\n")
                .append("# Change the declaration, then regenerate (from the repository root):\n")
                .append("#   ").append(REGENERATE).append('\n')
                .append("# TopicDeclarationTest fails while this file differs from the declaration.\n")
                .append("#\n")
                .append("# Creates Duban's topics when missing (safe to run at every start). Environment:\n")
                .append("#   KAFKA_BOOTSTRAP_SERVERS  the broker(s), default kafka:9092\n")
                .append("#   DUBAN_TOPIC_REPLICAS     copies of each partition, default 1 (one broker); 3 on a cluster\n")
                .append("#   KAFKA_TOPICS_SH          the tool, default /opt/kafka/bin/kafka-topics.sh (the apache/kafka image)\n")
                .append("set -eu\n")
                .append("bootstrap=\"${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}\"\n")
                .append("replicas=\"${DUBAN_TOPIC_REPLICAS:-1}\"\n")
                .append("kafka_topics=\"${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}\"\n")
                .append("# a write needs ").append(Topics.PRODUCTION_MIN_IN_SYNC_REPLICAS)
                .append(" copies from that many replicas up, else all of them\n")
                .append("if [ \"$replicas\" -ge ").append(Topics.PRODUCTION_MIN_IN_SYNC_REPLICAS)
                .append(" ]; then min_isr=").append(Topics.PRODUCTION_MIN_IN_SYNC_REPLICAS)
                .append("; else min_isr=\"$replicas\"; fi\n");
        for (Topic t : Topics.ALL) {
            s.append("\"$kafka_topics\" --bootstrap-server \"$bootstrap\" --create --if-not-exists")
                    .append(" --topic ").append(t.name())
                    .append(" --partitions ").append(t.partitions())
                    .append(" --replication-factor \"$replicas\"");
            for (Map.Entry<String, String> c : t.config(1).entrySet()) {
                if (c.getKey().equals("min.insync.replicas")) {
                    s.append(" --config min.insync.replicas=\"$min_isr\"");
                } else {
                    s.append(" --config ").append(c.getKey()).append('=').append(c.getValue());
                }
            }
            s.append('\n');
        }
        s.append("echo \"Duban topics present on $bootstrap\"\n");
        return s.toString();
    }
}
