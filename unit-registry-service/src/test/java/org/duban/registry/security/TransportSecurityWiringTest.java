package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17: the transport-security settings of common's microprofile-config.properties reach the running
 * service's Kafka clients and datasource with their defaults, and the service still serves (the rest of the
 * suite runs with exactly these defaults). Variables passed empty (a Compose file's ${VAR:-}) are checked in
 * common's TransportSecuritySettingsTest (UnsetWhenEmpty): a test profile here would restart Quarkus in a new
 * class loader, one more start of the service. (Such a restart used to start another embedded PostgreSQL and
 * Kafka broker in this JVM, and the registry's test JVM exited then — code 1, nothing logged — in 2 of 3 full
 * runs; infra's TestInfra now keeps one of each per JVM: docs/benchmarks.md, "Test command".)
 */
@QuarkusTest
class TransportSecurityWiringTest {

    /** What every Kafka client of the service starts from (the outbox producer, consumers, admin clients). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void kafkaClientsGetThePlaintextDefaultsAndTheDatabasePrefersTls() {
        assertEquals("PLAINTEXT", kafka.get("security.protocol"));
        assertEquals("GSSAPI", kafka.get("sasl.mechanism"));
        assertEquals("", kafka.get("sasl.jaas.config"));
        assertEquals("", kafka.get("ssl.truststore.location"));
        assertEquals("JKS", kafka.get("ssl.truststore.type"));
        assertEquals("prefer", ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.additional-jdbc-properties.sslmode", String.class));
        // the datasource and Swagger UI (test profile: served) work with them
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
