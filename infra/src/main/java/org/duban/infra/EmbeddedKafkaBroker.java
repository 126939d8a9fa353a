package org.duban.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running in this
 * JVM from the kafka_2.13 jars. Its log directory is ours: formatted once, reused afterwards.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0 = any free port); returns once it accepts clients. {@code flushEachMessage}:
     * every append is fsync'd before it is acknowledged ({@code log.flush.interval.messages=1}), so a machine's crash
     * loses no acknowledged record — the local run's, beside its PostgreSQL with fsync on. Without it the broker
     * flushes as Kafka's defaults and a production broker do (the OS writes the log back; durability across a
     * machine's crash comes from replication): an acknowledged record (acks=all, in the log) survives the broker's
     * process ending, and only a crash of the machine itself could lose it — the tests' broker, as their PostgreSQL
     * runs with fsync off; the benchmark's broker so flushes as production's (docs/benchmarks.md, "2026-12-03, hharn").
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, int controllerPort, boolean flushEachMessage) throws IOException {
        int brokerPort = port == 0 ? Ports.free() : port;
        int ctrlPort = controllerPort == 0 ? Ports.free() : controllerPort;
        Files.createDirectories(logDir);

        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + ctrlPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // single node: without these, consumer groups and transactions silently never work
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        if (flushEachMessage) {
            props.put("log.flush.interval.messages", "1");
        }
        // the log cleaner allocates this buffer at start (default 128 MiB, one humongous array in a test JVM's heap); an
        // embedded broker compacts a few thousand unit keys at most
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));

        Path configFile = logDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(w, "written by Duban's EmbeddedKafkaBroker");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", configFile.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IOException("formatting the Kafka log directory failed: " + out.toString(StandardCharsets.UTF_8));
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, brokerPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
