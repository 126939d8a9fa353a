package org.duban.common.security;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka TLS + SASL, PostgreSQL sslmode and Swagger UI, as common's microprofile-config.properties wires
 * them to environment variables (docs/deployment.md): the defaults keep plaintext and Kafka's own
 * values, empty variables count as unset, and what a Kafka client gets is what Quarkus hands it — every
 * {@code kafka.*} property, an unset one as "" (KafkaRuntimeConfigProducer's "default-kafka-broker").
 */
class TransportSecuritySettingsTest {

    private static final Path DEFAULTS = Path.of("src/main/resources/META-INF/microprofile-config.properties");

    @Test
    void withoutVariablesKafkaIsPlaintextAndPostgresPrefersTls() throws IOException {
        SmallRyeConfig config = config("prod", Map.of());
        assertEquals(Map.of(
                "security.protocol", "PLAINTEXT",
                "sasl.mechanism", "GSSAPI",
                "sasl.jaas.config", "",
                "ssl.truststore.location", "",
                "ssl.truststore.type", "JKS"), kafkaSecurity(config));
        assertEquals("prefer", config.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.sslmode", String.class));
        assertEquals(System.getProperty("user.home") + "/.postgresql/root.crt",
                config.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert", String.class));
    }

    @Test
    void emptyVariablesAreTheDefaults() throws IOException {
        Map<String, String> empty = new HashMap<>();
        for (String v : List.of("DUBAN_KAFKA_SECURITY_PROTOCOL", "DUBAN_KAFKA_SASL_MECHANISM", "DUBAN_KAFKA_SASL_JAAS_CONFIG",
                "DUBAN_KAFKA_SSL_TRUSTSTORE_LOCATION", "DUBAN_KAFKA_SSL_TRUSTSTORE_TYPE", "DUBAN_DB_SSLMODE",
                "DUBAN_DB_SSLROOTCERT", "DUBAN_SWAGGER_UI_ENABLED")) {
            empty.put(v, "");
        }
        SmallRyeConfig config = config("prod", empty);
        assertEquals(kafkaSecurity(config("prod", Map.of())), kafkaSecurity(config));
        assertEquals("prefer", config.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.sslmode", String.class));
        assertFalse(config.getValue("quarkus.swagger-ui.enabled", Boolean.class));
    }

    @Test
    void productionVariablesReachEveryKafkaClientAndTheDatasource() throws IOException {
        SmallRyeConfig config = config("prod", production("/etc/duban/kafka-ca/ca.crt"));
        Map<String, String> kafka = kafkaSecurity(config);
        assertEquals("SASL_SSL", kafka.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", kafka.get("sasl.mechanism"));
        assertTrue(kafka.get("sasl.jaas.config").startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required"));
        assertEquals("/etc/duban/kafka-ca/ca.crt", kafka.get("ssl.truststore.location"));
        assertEquals("PEM", kafka.get("ssl.truststore.type"));
        assertEquals("verify-full", config.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.sslmode", String.class));
        assertEquals("/etc/duban/pg-ca/ca.crt",
                config.getValue("quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert", String.class));
    }

    @Test
    void swaggerUiIsOffInProductionUnlessEnabledAndUntouchedElsewhere() throws IOException {
        assertFalse(config("prod", Map.of()).getValue("quarkus.swagger-ui.enabled", Boolean.class));
        assertTrue(config("prod", Map.of("DUBAN_SWAGGER_UI_ENABLED", "true")).getValue("quarkus.swagger-ui.enabled", Boolean.class));
        // dev and test keep the extension's default (served)
        assertTrue(config("test", Map.of()).getOptionalValue("quarkus.swagger-ui.enabled", Boolean.class).isEmpty());
        assertTrue(config("dev", Map.of()).getOptionalValue("quarkus.swagger-ui.enabled", Boolean.class).isEmpty());
    }

    @Test
    void kafkaClientsStartWithTheDefaults() throws IOException {
        Map<String, Object> client = clientConfig(config("prod", Map.of()));
        try (KafkaProducer<String, String> p = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            p.close(Duration.ZERO);
        }
        Map<String, Object> consumer = new HashMap<>(client);
        consumer.put("group.id", "settings-test");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
            c.close(Duration.ZERO);
        }
        try (Admin a = Admin.create(client)) {
            a.close(Duration.ZERO);
        }
    }

    @Test
    void kafkaClientsStartWithStrimzisScramOverTlsAndAPemCa(@TempDir Path dir) throws Exception {
        Path ca = selfSignedPem(dir);
        Map<String, Object> client = clientConfig(config("prod", production(ca.toString())));
        try (KafkaProducer<String, String> p = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            p.close(Duration.ZERO);
        }
        try (Admin a = Admin.create(client)) {
            a.close(Duration.ZERO);
        }
        // the settings are in force: the same with a CA file that is not there cannot start
        Map<String, Object> missingCa = clientConfig(config("prod", production(dir.resolve("absent.crt").toString())));
        assertThrows(KafkaException.class, () -> new KafkaProducer<>(missingCa, new StringSerializer(), new StringSerializer()));
    }

    private static Map<String, String> production(String kafkaCa) {
        return Map.of(
                "DUBAN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "DUBAN_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "DUBAN_KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"task-service\" password=\"s3cret\";",
                "DUBAN_KAFKA_SSL_TRUSTSTORE_LOCATION", kafkaCa,
                "DUBAN_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "DUBAN_DB_SSLMODE", "verify-full",
                "DUBAN_DB_SSLROOTCERT", "/etc/duban/pg-ca/ca.crt");
    }

    /** common's defaults under a profile, with {@code env} as the environment variables. */
    private static SmallRyeConfig config(String profile, Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                // as Quarkus does: common's UnsetWhenEmpty is found through META-INF/services
                .addDiscoveredInterceptors()
                .withSources(new PropertiesConfigSource(DEFAULTS.toUri().toURL(), 100))
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(Map.of("user.home", System.getProperty("user.home")), "sys", 400))
                .build();
    }

    /** The kafka.* security settings as Quarkus gives them to the clients (an unset one as ""). */
    private static Map<String, String> kafkaSecurity(SmallRyeConfig config) {
        Map<String, String> kafka = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && (name.contains("security") || name.contains("sasl") || name.contains("ssl"))) {
                kafka.put(name.substring("kafka.".length()), config.getOptionalValue(name, String.class).orElse(""));
            }
        }
        return kafka;
    }

    private static Map<String, Object> clientConfig(SmallRyeConfig config) {
        Map<String, Object> client = new HashMap<>(kafkaSecurity(config));
        client.put("bootstrap.servers", "127.0.0.1:9");
        return client;
    }

    /** A CA certificate in PEM, as Strimzi's cluster CA Secret holds it (made by the JDK's keytool). */
    private static Path selfSignedPem(Path dir) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.crt");
        run(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=duban-test-ca",
                "-validity", "2", "-keystore", store.toString(), "-storepass", "changeit", "-storetype", "PKCS12"));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(),
                "-storepass", "changeit", "-file", pem.toString()));
        return pem;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
    }
}
