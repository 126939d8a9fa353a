package org.duban.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The real PostgreSQL and Kafka that a test JVM uses: started once per JVM on free ports, in a
 * fresh directory, and stopped when the JVM exits. Tests never see the local run's data.
 * Setting DUBAN_DB_URL / KAFKA_BOOTSTRAP_SERVERS points tests at external servers instead.
 */
public final class TestInfra {

    private static TestInfra instance;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final String dbServerUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String bootstrapServers;
    private final boolean durable;

    private TestInfra(boolean durable) throws IOException {
        this.durable = durable;
        Path dir = Files.createTempDirectory("duban-test-");
        String externalDb = System.getenv("DUBAN_DB_URL");
        if (externalDb != null && !externalDb.isBlank()) {
            postgres = null;
            dbServerUrl = externalDb;
            dbUser = envOr("DUBAN_DB_USER", "postgres");
            dbPassword = envOr("DUBAN_DB_PASSWORD", "postgres");
        } else {
            postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, durable);
            dbServerUrl = postgres.serverUrl();
            dbUser = EmbeddedPostgresServer.USER;
            dbPassword = EmbeddedPostgresServer.PASSWORD;
        }
        String externalKafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (externalKafka != null && !externalKafka.isBlank()) {
            kafka = null;
            bootstrapServers = externalKafka;
        } else {
            kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
            bootstrapServers = kafka.bootstrapServers();
        }
        DubanTopics.ensure(bootstrapServers);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "duban-test-infra-stop"));
    }

    /** The JVM's servers, started on first use (PostgreSQL with fsync off: tests never lose power). */
    public static synchronized TestInfra get() {
        return instance != null ? instance : get(false);
    }

    /**
     * The JVM's servers; {@code durable} starts PostgreSQL with fsync on, as the local run does (a
     * benchmark's commit times include the flush). Fails if this JVM already started them otherwise.
     */
    public static synchronized TestInfra get(boolean durable) {
        if (instance == null) {
            try {
                instance = new TestInfra(durable);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (instance.durable != durable && instance.postgres != null) {
            throw new IllegalStateException("this JVM's PostgreSQL was started with durable=" + instance.durable);
        }
        return instance;
    }

    /** Creates (if needed) and returns the JDBC URL of a database on the test server. */
    public String database(String name) {
        try {
            EmbeddedPostgresServer.ensureDatabases(dbServerUrl, dbUser, dbPassword, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return dbServerUrl + "/" + name;
    }

    /**
     * A database outage as a restart gives it, without restarting the shared server: new connections to
     * {@code database} are refused and every open one is ended (57P01), again every 250 ms for {@code length}
     * — longer than a pool's acquisition timeout, so a consumer meets it however its pool queues — then
     * connections are allowed again. Returns how many connections it ended.
     */
    public int databaseOutage(String database, Duration length) throws SQLException, InterruptedException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        int terminated = 0;
        try (Connection c = DriverManager.getConnection(dbServerUrl + "/postgres", dbUser, dbPassword);
             Statement st = c.createStatement()) {
            try {
                long until = System.nanoTime() + length.toNanos();
                while (System.nanoTime() < until) {
                    st.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
                    try (ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE datname = '" + database + "' AND pid <> pg_backend_pid()")) {
                        rs.next();
                        terminated += rs.getInt(1);
                    }
                    Thread.sleep(250);
                }
            } finally {
                st.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
            }
        }
        return terminated;
    }

    public String dbServerUrl() {
        return dbServerUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (RuntimeException ignored) {
            // the JVM is exiting; the temp directory goes with it
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // as above
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
