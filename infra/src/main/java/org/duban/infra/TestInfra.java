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
 *
 * <p>Once per JVM, not once per class loader: each {@code @TestProfile} starts Quarkus again in a new
 * class loader, which loads this class afresh. The servers are therefore always owned by the copy of this
 * class in the JVM's system class loader, and a copy loaded elsewhere is a view of that owner. Before, each
 * Quarkus start in a test JVM started another Kafka broker (in-process, its threads never stopped) and
 * another PostgreSQL: task-service's three profiles ran three brokers, which with the class loaders they
 * pinned filled a 768 MB heap, and a broker left running in a closed class loader could halt the JVM.
 */
public final class TestInfra {

    /** System property: {@code true} starts the embedded broker as the local run does, an fsync per append. */
    public static final String FLUSH_EACH_MESSAGE = "duban.kafka.flush-each-message";

    private static TestInfra instance;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final String dbServerUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String bootstrapServers;
    private final boolean durable;

    /** A view of the servers that the system class loader's copy of this class owns. */
    private TestInfra(String dbServerUrl, String dbUser, String dbPassword, String bootstrapServers, boolean durable) {
        this.postgres = null;
        this.kafka = null;
        this.dbServerUrl = dbServerUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.bootstrapServers = bootstrapServers;
        this.durable = durable;
    }

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
            // -Dduban.kafka.flush-each-message=true: the local run's broker (an fsync per append) instead of Kafka's
            // defaults, e.g. to benchmark the suite exactly as LocalRun starts it (docs/benchmarks.md, eleventh session)
            kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0, Boolean.getBoolean(FLUSH_EACH_MESSAGE));
            bootstrapServers = kafka.bootstrapServers();
        }
        DubanTopics.ensure(bootstrapServers);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "duban-test-infra-stop"));
    }

    /** The JVM's servers, started on first use (PostgreSQL with fsync off: tests never lose power). */
    public static synchronized TestInfra get() {
        if (instance == null) {
            Class<?> owner = systemCopy();
            if (owner != null) {
                instance = viewOf(owner, null);
            }
        }
        return instance != null ? instance : get(false);
    }

    /**
     * The JVM's servers; {@code durable} starts PostgreSQL with fsync on, as the local run does (a
     * benchmark's commit times include the flush). Fails if this JVM already started them otherwise.
     */
    public static synchronized TestInfra get(boolean durable) {
        Class<?> owner = systemCopy();
        if (owner != null) {
            if (instance == null || instance.durable != durable) {
                instance = viewOf(owner, durable); // the owner fails if its PostgreSQL runs otherwise
            }
            return instance;
        }
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

    /** This class as the system class loader loads it, if this copy is another one (else null). */
    private static Class<?> systemCopy() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (TestInfra.class.getClassLoader() == system) {
            return null;
        }
        try {
            Class<?> c = Class.forName(TestInfra.class.getName(), true, system);
            return c == TestInfra.class ? null : c;
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not on the system class path: this copy owns the servers
        }
    }

    /** A view of the owner's servers: {@code get(durable)}, or {@code get()} if {@code durable} is null. */
    private static TestInfra viewOf(Class<?> owner, Boolean durable) {
        // the servers' threads inherit the context class loader, and Kafka's log4j looks its plugins up there:
        // the system class loader, not this Quarkus start's (which they would pin after it stopped)
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(owner.getClassLoader());
        try {
            Object o = durable == null ? owner.getMethod("get").invoke(null)
                    : owner.getMethod("get", boolean.class).invoke(null, durable);
            return new TestInfra(string(owner, o, "dbServerUrl"), string(owner, o, "dbUser"),
                    string(owner, o, "dbPassword"), string(owner, o, "bootstrapServers"),
                    (Boolean) owner.getMethod("durable").invoke(o));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the JVM's test servers", e);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static String string(Class<?> owner, Object o, String method) throws ReflectiveOperationException {
        return (String) owner.getMethod(method).invoke(o);
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

    /** Whether PostgreSQL runs with fsync on ({@link #get(boolean)}). */
    public boolean durable() {
        return durable;
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
