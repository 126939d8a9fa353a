package org.duban.systemtest;

import org.duban.infra.DubanTopics;
import org.duban.infra.EmbeddedPostgresServer;
import org.duban.infra.KafkaCluster;
import org.duban.infra.Ports;
import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.security.TestKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production shape the fault tests run on, started once per JVM and shared by {@link KafkaClusterTest} (its
 * Kafka nodes only, before any replica starts), {@link ScaleOutSystemTest} and {@link ClusterFaultSystemTest} (each
 * leaves it whole: every node and replica it killed is started again and awaited): a Kafka cluster of three KRaft nodes as processes (replication factor 3, min.insync.replicas 2),
 * two replicas ("a", "b") of each service, one PostgreSQL of its own. Starting it costs about a minute and a half
 * of the machine's two cores, so it is started once, not once per class. task-service "b" starts with the relay's
 * fault hook DUBAN_OUTBOX_FAULT_HALT_AFTER_ACK=task.urged ({@link #TASK_B_HALTS_AFTER_URGED}), which only
 * ClusterFaultSystemTest triggers (no other test urges). Stopped by {@link #close()} (the last class to use it,
 * ClusterFaultSystemTest, which {@code junit-platform.properties} runs last) or at the JVM's exit.
 */
final class ClusterSuite implements AutoCloseable {

    /** task-service b's fault hook: it halts (Runtime.halt(137)) once Kafka acknowledged a batch with a task.urged event. */
    static final Map<String, String> TASK_B_HALTS_AFTER_URGED = Map.of("DUBAN_OUTBOX_FAULT_HALT_AFTER_ACK", "task.urged");

    private static ClusterSuite instance;

    final Path root = Path.of(System.getProperty("duban.root", "..")).toAbsolutePath().normalize();
    final Path logs = root.resolve("system-tests/target/cluster");
    final EmbeddedPostgresServer postgres;
    final KafkaCluster kafka;
    private final Map<String, ServiceProcess> replicas = new ConcurrentHashMap<>();
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    private ClusterSuite() throws IOException, java.sql.SQLException {
        Files.createDirectories(logs);
        Path work = Files.createTempDirectory("duban-cluster-");
        postgres = EmbeddedPostgresServer.start(work.resolve("postgres"), 0, false);
        postgres.createDatabases(Service.REGISTRY.database, Service.TASK.database, Service.NOTIFICATION.database);
        kafka = KafkaCluster.start(work.resolve("kafka"), 3);
        DubanTopics.ensure(kafka.bootstrapServers(), (short) 3);
        for (Service s : Service.values()) {
            for (String r : List.of("a", "b")) {
                ports.put(s.module + "-" + r, Ports.free());
            }
        }
    }

    /**
     * The engines only: PostgreSQL and the three Kafka nodes with Duban's topics, no service replica started
     * ({@link KafkaClusterTest}, which runs first, kills and restarts nodes with no client but its own).
     */
    static synchronized ClusterSuite engines() {
        if (instance == null) {
            try {
                ClusterSuite c = new ClusterSuite();
                instance = c;
                Runtime.getRuntime().addShutdownHook(new Thread(c::close, "duban-cluster-stop"));
            } catch (IOException | java.sql.SQLException e) {
                throw new IllegalStateException("the cluster did not start", e);
            }
        }
        return instance;
    }

    /** The cluster, every node registered and every replica ready (started on first use). */
    static synchronized ClusterSuite get() {
        ClusterSuite c = engines();
        if (c.replicas.isEmpty()) {
            for (Service s : Service.values()) {
                for (String r : List.of("a", "b")) {
                    c.startReplica(s, r, s == Service.TASK && "b".equals(r) ? TASK_B_HALTS_AFTER_URGED : Map.of());
                }
            }
        }
        c.kafka.awaitBrokers(3, Duration.ofSeconds(90));
        c.awaitAllReady(Duration.ofSeconds(240));
        return c;
    }

    /** Starts replica {@code r} of {@code s} (again) with the cluster's settings and {@code extra}; not awaited. */
    ServiceProcess startReplica(Service s, String r, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("DUBAN_DB_URL", postgres.serverUrl());
        env.put("DUBAN_DB_USER", EmbeddedPostgresServer.USER);
        env.put("DUBAN_DB_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DUBAN_REGISTRY_URL", "http://127.0.0.1:" + ports.get(Service.REGISTRY.module + "-a"));
        env.put("QUARKUS_MAILER_MOCK", "true");
        env.put("DUBAN_JWT_PUBLIC_KEY", TestKeys.jwksFile().toString());
        env.put("DUBAN_WEBHOOKS_SECRET_KEY", TestKeys.webhookSecretKey());
        // the OA system's receiver (ClusterFaultSystemTest's) runs on this machine
        env.put("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8");
        env.putAll(Suite.QUICK_CONSUMER_STOP);
        if (s == Service.TASK && Boolean.getBoolean("duban.faults.kafka-default-timeouts")) {
            // the outbox producer as it was before issue 13 (Kafka's defaults), to see what the outage test tells apart
            env.put("MP_MESSAGING_OUTGOING_OUTBOX_REQUEST_TIMEOUT_MS", "30000");
            env.put("MP_MESSAGING_OUTGOING_OUTBOX_DELIVERY_TIMEOUT_MS", "120000");
        }
        env.putAll(extra);
        String name = s.module + "-" + r;
        // a restarted replica logs to a new file: the log of the run that died is what explains a failure
        int start = starts.merge(name, 1, Integer::sum);
        try {
            ServiceProcess p = ServiceProcess.start(root, s, ports.get(name), env,
                    logs.resolve(name + (start == 1 ? "" : "-restart" + (start - 1)) + ".log"));
            replicas.put(name, p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitAllReady(Duration timeout) {
        try {
            for (ServiceProcess p : replicas.values()) {
                p.awaitReady(timeout);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ServiceProcess replica(Service s, String r) {
        return replicas.get(s.module + "-" + r);
    }

    String url(Service s, String r) {
        return "http://127.0.0.1:" + ports.get(s.module + "-" + r) + "/api/v1";
    }

    /** Stops every replica, the Kafka nodes and PostgreSQL; the next {@link #get()} starts a new cluster. */
    @Override
    public void close() {
        synchronized (ClusterSuite.class) {
            if (instance == this) {
                instance = null;
            }
        }
        try {
            // the six at once: one after another, their graceful stops added up to ~40 s
            ServiceProcess.stopAll(List.copyOf(replicas.values()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.clear();
        kafka.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
