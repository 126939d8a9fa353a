package org.duban.systemtest;

import org.duban.infra.Ports;
import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.duban.infra.TestInfra;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, Flyway once per rollout (docs/deployment.md "Migrations: once per rollout"): the packaged
 * service run as the migration Job runs it — QUARKUS_INIT_AND_EXIT=true, QUARKUS_FLYWAY_MIGRATE_AT_START=true,
 * the database settings only (no JWT key, no reachable broker) — migrates its database and exits 0, and
 * again changes nothing; a replica with migrate-at-start off refuses to start on a database the Job has
 * not migrated (Hibernate's validation) and serves on one it has.
 */
class MigrationJobSystemTest {

    private final TestInfra infra = TestInfra.get();
    /** The repository (as Suite finds it): the packaged jars are under it. */
    private final Path root = Path.of(System.getProperty("duban.root", "..")).toAbsolutePath().normalize();
    private final Path logs = root.resolve("system-tests/target/service-logs/migration-job");

    @Test
    void theMigrationRunMigratesAndExitsThenReplicasServeWithoutMigrating() throws Exception {
        String migrated = infra.database("duban_registry_migration_job");
        String untouched = infra.database("duban_registry_never_migrated");

        // the Job: database settings and the two switches, nothing else
        assertEquals(0, run("migrate-1", migrationJob(migrated)), "the migration run exits 0");
        int applied = successfulMigrations(migrated);
        assertTrue(applied >= 6, "migrations applied: " + applied);
        assertTrue(tableExists(migrated, "unit"), "the registry's tables exist");
        // a second rollout with no new migration: still exits 0, applies nothing
        assertEquals(0, run("migrate-2", migrationJob(migrated)));
        assertEquals(applied, successfulMigrations(migrated));

        // a replica (migrate-at-start off) on a database nobody migrated: refuses to start, says why
        int refused = run("replica-unmigrated", replica(untouched));
        assertNotEquals(0, refused);
        assertTrue(Files.readString(logs.resolve("replica-unmigrated.log"), StandardCharsets.UTF_8)
                .contains("Schema validation: missing table"), "the log names the missing schema");
        assertEquals(0, successfulMigrations(untouched), "the replica migrated nothing");

        // a replica on the migrated database serves (ready: database, Kafka, outbox) without migrating
        Files.createDirectories(logs);
        Path log = logs.resolve("replica-migrated.log");
        Files.deleteIfExists(log);
        ServiceProcess replica = ServiceProcess.start(root, Service.REGISTRY, Ports.free(), replica(migrated), log);
        try {
            replica.awaitReady(Duration.ofMinutes(3));
        } finally {
            replica.stop();
        }
        assertEquals(applied, successfulMigrations(migrated));
    }

    private Map<String, String> migrationJob(String jdbcUrl) {
        Map<String, String> env = database(jdbcUrl);
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("QUARKUS_INIT_AND_EXIT", "true");
        // a broker nobody listens on: the migration must not need Kafka
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + Ports.free());
        return env;
    }

    private Map<String, String> replica(String jdbcUrl) {
        Map<String, String> env = database(jdbcUrl);
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.put("DUBAN_JWT_PUBLIC_KEY", TestKeys.jwksFile().toString());
        return env;
    }

    private Map<String, String> database(String jdbcUrl) {
        Map<String, String> env = new HashMap<>();
        // the service appends its own database to DUBAN_DB_URL; this names a test database instead
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("DUBAN_DB_USER", infra.dbUser());
        env.put("DUBAN_DB_PASSWORD", infra.dbPassword());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return env;
    }

    /** Runs the registry's jar until it exits by itself (3 min at most); its exit code. */
    private int run(String name, Map<String, String> env) throws Exception {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(log);
        ServiceProcess p = ServiceProcess.start(root, Service.REGISTRY, Ports.free(), env, log);
        try {
            OptionalInt exit = p.awaitExit(Duration.ofMinutes(3));
            assertTrue(exit.isPresent(), name + " did not exit by itself; see " + log);
            return exit.getAsInt();
        } finally {
            p.kill();
        }
    }

    private int successfulMigrations(String jdbcUrl) throws SQLException {
        if (!tableExists(jdbcUrl, "flyway_schema_history")) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, infra.dbUser(), infra.dbPassword());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean tableExists(String jdbcUrl, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, infra.dbUser(), infra.dbPassword());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
