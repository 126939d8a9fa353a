package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17: the transport-security settings of common's microprofile-config.properties reach the running
 * service with their defaults — even when the deployment passes them empty (UnsetWhenEmpty) — and the
 * service still serves and publishes (the rest of the suite runs with exactly these defaults).
 */
@QuarkusTest
@TestProfile(TransportSecurityWiringTest.EmptyVariables.class)
class TransportSecurityWiringTest {

    /** The variables set but empty, as a Compose file's ${VAR:-} passes them. */
    public static class EmptyVariables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("duban.kafka.security-protocol", "", "duban.kafka.ssl-truststore-type", "",
                    "duban.db.sslmode", "");
        }
    }

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
