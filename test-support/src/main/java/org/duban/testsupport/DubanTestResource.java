package org.duban.testsupport;

import org.duban.infra.TestInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service's {@code @QuarkusTest}s at the JVM's real PostgreSQL and Kafka
 * ({@link TestInfra}). Init arg {@code database}: the service's own database name.
 */
public class DubanTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "duban_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestInfra infra = TestInfra.get();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", infra.database(database),
                "quarkus.datasource.username", infra.dbUser(),
                "quarkus.datasource.password", infra.dbPassword(),
                "kafka.bootstrap.servers", infra.bootstrapServers()));
        // bearer JWTs are verified with the test JVM's key pair (tests mint with TestKeys.token)
        config.putAll(org.duban.testsupport.security.TestKeys.config());
        return config;
    }

    @Override
    public void stop() {
        // the servers live as long as the JVM: every test class of the module shares them
    }
}
