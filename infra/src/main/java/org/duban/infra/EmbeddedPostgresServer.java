package org.duban.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 17 server run from the binaries that zonky ships in a Maven artifact.
 * Nothing is installed on the machine; the data directory is ours, so data survives a restart
 * when the same directory is reused.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    /**
     * Opt-in, for the benchmark harness: {@code -Dduban.postgres.stat-statements=true} loads
     * {@code pg_stat_statements} (each database still needs {@code CREATE EXTENSION pg_stat_statements}).
     */
    public static final String STATEMENT_STATISTICS = "duban.postgres.stat-statements";

    /**
     * Opt-in, for the benchmark harness, with {@link #STATEMENT_STATISTICS}: {@code -Dduban.postgres.auto-explain=true}
     * also loads {@code auto_explain}, set to log a sample of plans with ANALYZE, BUFFERS, WAL and triggers (foreign
     * key checks) to the server's log once {@code auto_explain.log_min_duration} is set (off: -1, at start).
     */
    public static final String AUTO_EXPLAIN = "duban.postgres.auto-explain";

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server on {@code port} (0 = any free port) with its data in {@code dataDir}.
     * An existing data directory is reused as it is (its databases and rows survive).
     *
     * <p>A committed transaction is never acknowledged before its WAL is written
     * ({@code synchronous_commit=on}; zonky's default is off), so killing PostgreSQL loses no
     * acknowledged write. {@code durable} also turns fsync on (zonky passes -F), which only
     * matters if the machine itself crashes: on for the local run, off for throwaway test clusters.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDir.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean(STATEMENT_STATISTICS)) {
            // the bundled binaries carry the contrib module; planning is tracked too (the benchmark's question is
            // how much of PostgreSQL's CPU is per statement rather than per row)
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_planning", "on");
            if (Boolean.getBoolean(AUTO_EXPLAIN)) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                        .setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("auto_explain.log_buffers", "on")
                        .setServerConfig("auto_explain.log_wal", "on")
                        .setServerConfig("auto_explain.log_triggers", "on")
                        .setServerConfig("auto_explain.sample_rate", "0.003");
            }
        }
        EmbeddedPostgres pg = builder
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? Ports.free() : port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // the outbox relay and reminder scheduler hold short transactions; keep logs quiet
                .setServerConfig("log_min_messages", "warning")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()))
                .start();
        return new EmbeddedPostgresServer(pg, dataDir);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The server's JDBC URL without a database, as services expect in {@code DUBAN_DB_URL}. */
    public String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port();
    }

    public String jdbcUrl(String database) {
        return serverUrl() + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(String... names) throws SQLException {
        ensureDatabases(serverUrl(), USER, PASSWORD, names);
    }

    /** Creates missing databases on any PostgreSQL server (embedded or external). */
    public static void ensureDatabases(String serverUrl, String user, String password, String... names) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl + "/postgres", user, password)) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        }
    }

    /**
     * {@code pg_ctl restart -m immediate}: every server process is killed without a checkpoint (as in
     * a crash: open connections are cut, the next start replays the WAL), then the server starts again
     * on the same port and data directory; returns once it accepts connections. The server stays
     * ours: {@link #close()} stops the restarted one.
     */
    public void restartImmediately() throws IOException, InterruptedException {
        // zonky's binaries sit in a directory of its own: pg_ctl is next to the running postgres
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        Path pgCtl = Path.of("/proc", Long.toString(pid), "exe").toRealPath().resolveSibling("pg_ctl");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root: zonky starts it under `unshare -U`, and so does this
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.addAll(List.of(pgCtl.toString(), "restart", "-m", "immediate", "-w", "-t", "60", "-D", dataDir.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pg_ctl restart -m immediate failed; see " + log);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
