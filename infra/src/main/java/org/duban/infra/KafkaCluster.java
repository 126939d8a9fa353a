package org.duban.infra;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Apache Kafka cluster of several KRaft nodes (each broker and controller), every node its own
 * JVM started from the kafka_2.13 jars on this classpath, so a test can SIGKILL one and start it again.
 * Settings are those of a production cluster of three: replication factor 3 and min.insync.replicas 2
 * for every topic, the internal topics included; only the failure-detection times are shortened
 * (a killed broker is fenced after 3 s, not 9 s).
 */
public final class KafkaCluster implements AutoCloseable {

    /** One node: its id, client and controller ports, its directory (data, config, log). */
    public record Node(int id, int port, int controllerPort, Path dir) {
        Path config() {
            return dir.resolve("server.properties");
        }

        Path log() {
            return dir.resolve("node.log");
        }
    }

    private final List<Node> nodes;
    private final Map<Integer, Process> running = new ConcurrentHashMap<>();

    private KafkaCluster(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Formats and starts {@code size} nodes under {@code root}; returns once every broker has registered. */
    public static KafkaCluster start(Path root, int size) {
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            nodes.add(new Node(id, Ports.free(), Ports.free(), root.resolve("node-" + id)));
        }
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        KafkaCluster cluster = new KafkaCluster(nodes);
        try {
            for (Node n : nodes) {
                cluster.format(n, voters, clusterId, size);
            }
            for (Node n : nodes) {
                cluster.startNode(n.id());
            }
            cluster.awaitBrokers(size, Duration.ofSeconds(60));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void format(Node n, String voters, String clusterId, int size) {
        int replicas = Math.min(3, size);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(n.id()));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + n.port() + ",CONTROLLER://127.0.0.1:" + n.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + n.port());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", n.dir().resolve("data").toAbsolutePath().toString());
        p.put("default.replication.factor", Integer.toString(replicas));
        p.put("min.insync.replicas", Integer.toString(Math.min(2, replicas)));
        p.put("offsets.topic.replication.factor", Integer.toString(replicas));
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        p.put("transaction.state.log.min.isr", Integer.toString(Math.min(2, replicas)));
        p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        p.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(2, replicas)));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("unclean.leader.election.enable", "false");
        // a killed node is noticed in seconds (defaults: 9 s session, 2 s heartbeat)
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        try {
            Files.createDirectories(n.dir());
            try (Writer w = Files.newBufferedWriter(n.config(), StandardCharsets.UTF_8)) {
                p.store(w, "written by Duban's KafkaCluster");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", n.config().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting node " + n.id() + " failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Starts a node's JVM (again, after {@link #kill}); does not wait for it to join. */
    public void startNode(int id) {
        Node n = node(id);
        if (running.containsKey(id) && running.get(id).isAlive()) {
            throw new IllegalStateException("node " + id + " is running");
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dslf4j.internal.verbosity=ERROR",
                "-cp", System.getProperty("java.class.path"), "kafka.Kafka", n.config().toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(n.log().toFile())).start();
            running.put(id, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether node {@code id}'s process is running (started, not killed, not ended). */
    public boolean isRunning(int id) {
        Process p = running.get(id);
        return p != null && p.isAlive();
    }

    /** SIGKILL: the node dies at once, without a clean shutdown. */
    public void kill(int id) {
        Process p = running.remove(id);
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code count} brokers are registered and unfenced (as the cluster's metadata says). */
    public void awaitBrokers(int count, Duration timeout) {
        awaitAdmin(admin -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count, timeout,
                count + " Kafka brokers did not register within " + timeout + " (logs in " + nodes.get(0).dir().getParent() + ")");
    }

    /**
     * Waits until every partition of {@code topic} has at least {@code minInSync} replicas in sync: from
     * then on a write with acks=all can be acknowledged (registered brokers alone are not enough — a
     * broker that came back must catch up before it rejoins the in-sync set).
     */
    public void awaitInSync(String topic, int minInSync, Duration timeout) {
        awaitAdmin(admin -> {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
            return d.partitions().stream().allMatch(p -> p.leader() != null && p.isr().size() >= minInSync);
        }, timeout, "partitions of " + topic + " did not have " + minInSync + " replicas in sync within " + timeout);
    }

    /** What an admin client is asked until it says yes. */
    private interface AdminQuestion {
        boolean ask(Admin admin) throws Exception;
    }

    /** Asks {@code question} every 200 ms with a fresh admin client until it says yes; fails after {@code timeout}. */
    private void awaitAdmin(AdminQuestion question, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (question.ask(admin)) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(failure, last);
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Every node's address: clients find the live ones. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return nodes;
    }

    private Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** SIGTERM to every node (a clean shutdown takes a second or two), SIGKILL to any still alive after 20 s. */
    @Override
    public void close() {
        List<Process> stopping = new ArrayList<>();
        for (Integer id : List.copyOf(running.keySet())) {
            Process p = running.remove(id);
            p.destroy();
            stopping.add(p);
        }
        for (Process p : stopping) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
