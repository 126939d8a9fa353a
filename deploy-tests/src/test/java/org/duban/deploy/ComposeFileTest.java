package org.duban.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml: valid by the Compose Specification's JSON Schema (kept in test resources, source in
 * compose-spec/SOURCE.md), every long-running service health-checked, every dependency waiting on a condition,
 * migrations before their service with the service's own environment, and the environment variable names of the
 * issue-17 contract (the same as in Kubernetes).
 */
class ComposeFileTest {

    private static final String COMPOSE = "deploy/compose/compose.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Set on every Duban service (docs/operations.md; the new ones of issue 17 likewise). */
    static final List<String> COMMON_VARIABLES = List.of(
            "DUBAN_DB_URL", "DUBAN_DB_USER", "DUBAN_DB_PASSWORD", "DUBAN_DB_SSLMODE", "DUBAN_DB_SSLROOTCERT",
            "KAFKA_BOOTSTRAP_SERVERS", "DUBAN_KAFKA_SECURITY_PROTOCOL", "DUBAN_KAFKA_SASL_MECHANISM",
            "DUBAN_KAFKA_SASL_JAAS_CONFIG", "DUBAN_KAFKA_SSL_TRUSTSTORE_LOCATION", "DUBAN_KAFKA_SSL_TRUSTSTORE_TYPE",
            "DUBAN_JWT_PUBLIC_KEY", "DUBAN_JWT_AUDIENCE", "DUBAN_PUBLIC_BASE_URL", "DUBAN_SWAGGER_UI_ENABLED",
            "QUARKUS_FLYWAY_MIGRATE_AT_START", "QUARKUS_OTEL_SDK_DISABLED", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
    /** Set on one service only, besides the common ones. */
    static final Map<String, List<String>> SERVICE_VARIABLES = Map.of(
            "unit-registry-service", List.of(),
            "task-service", List.of("DUBAN_REGISTRY_URL", "DUBAN_PUBLIC_CORS_ORIGINS"),
            "notification-service", List.of("DUBAN_WEBHOOKS_SECRET_KEY", "DUBAN_SMTP_HOST", "DUBAN_SMTP_PORT",
                    "DUBAN_SMTP_USERNAME", "DUBAN_SMTP_PASSWORD", "DUBAN_SMTP_FROM", "DUBAN_SMTP_START_TLS",
                    "DUBAN_SMTP_TLS", "DUBAN_NOTIFICATION_LINK_BASE"));
    /** Documented in docs/operations.md and set in Compose although not in the contract's list. */
    static final Map<String, List<String>> OPTIONAL_VARIABLES = Map.of(
            "notification-service", List.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS"));

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        compose = YAML.readTree(DeployTree.read(COMPOSE));
        services = compose.path("services");
    }

    @Test
    void theComposeFileIsValidByTheComposeSpecSchema() {
        assertEquals(List.of(), validate(DeployTree.read(COMPOSE)));
    }

    @Test
    void theSchemaRefusesAMistypedKeyAndAnUnknownCondition() {
        String text = DeployTree.read(COMPOSE);
        // the same file with one typo each: a misspelt service key, a condition Compose does not know
        assertTrue(text.contains("    healthcheck:\n"));
        assertFalse(validate(text.replaceFirst("    healthcheck:\n", "    healtcheck:\n")).isEmpty(),
                "a misspelt healthcheck key passed the schema");
        assertTrue(text.contains("condition: service_healthy"));
        assertFalse(validate(text.replaceFirst("condition: service_healthy", "condition: service_ready")).isEmpty(),
                "an unknown depends_on condition passed the schema");
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryOneShotIsAwaitedToCompletion() {
        Map<String, String> conditions = awaitedConditions();
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = services.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode service = services.path(name);
            boolean oneShot = "no".equals(service.path("restart").asText());
            if (oneShot) {
                if (!"service_completed_successfully".equals(conditions.get(name))) {
                    problems.add(name + " runs once (restart: \"no\") but nobody waits for it with service_completed_successfully");
                }
                continue;
            }
            JsonNode test = service.path("healthcheck").path("test");
            if (test.isMissingNode() || test.toString().contains("NONE") || service.path("healthcheck").path("disable").asBoolean()) {
                problems.add(name + " has no healthcheck");
            }
            for (String field : List.of("interval", "timeout", "retries", "start_period")) {
                if (!service.path("healthcheck").has(field)) {
                    problems.add(name + ": healthcheck without " + field);
                }
            }
            if (!service.has("restart")) {
                problems.add(name + " has no restart policy");
            }
        }
        for (String service : DeployTree.SERVICES) {
            String test = services.path(service).path("healthcheck").path("test").toString();
            int port = DeployTree.httpPort(service);
            if (!test.contains("/dev/tcp/127.0.0.1/" + port) || !test.contains("GET /q/health/ready ")) {
                problems.add(service + ": the healthcheck does not ask /q/health/ready on port " + port + ": " + test);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDependencyWaitsOnAConditionItsTargetCanMeet() {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = services.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode dependsOn = services.path(name).path("depends_on");
            if (dependsOn.isMissingNode()) {
                continue;
            }
            if (!dependsOn.isObject()) {
                problems.add(name + ": depends_on is a list, without conditions");
                continue;
            }
            for (Iterator<String> targets = dependsOn.fieldNames(); targets.hasNext(); ) {
                String target = targets.next();
                String condition = dependsOn.path(target).path("condition").asText("");
                JsonNode targetService = services.path(target);
                if (targetService.isMissingNode()) {
                    problems.add(name + " depends on " + target + ", which is not a service");
                } else if (condition.equals("service_healthy") && !targetService.has("healthcheck")) {
                    problems.add(name + " waits for " + target + " to be healthy, but it has no healthcheck");
                } else if (condition.equals("service_completed_successfully")
                        && !"no".equals(targetService.path("restart").asText())) {
                    problems.add(name + " waits for " + target + " to complete, but it restarts");
                } else if (!condition.equals("service_healthy") && !condition.equals("service_completed_successfully")) {
                    problems.add(name + " depends on " + target + " with condition '" + condition + "'");
                }
            }
        }
        for (String service : DeployTree.SERVICES) {
            JsonNode dependsOn = services.path(service).path("depends_on");
            expectCondition(problems, service, dependsOn, "postgres", "service_healthy");
            expectCondition(problems, service, dependsOn, "kafka", "service_healthy");
            expectCondition(problems, service, dependsOn, "kafka-topics", "service_completed_successfully");
            expectCondition(problems, service, dependsOn, service + "-migrate", "service_completed_successfully");
            expectCondition(problems, service + "-migrate", services.path(service + "-migrate").path("depends_on"),
                    "postgres", "service_healthy");
        }
        expectCondition(problems, "kafka-topics", services.path("kafka-topics").path("depends_on"), "kafka", "service_healthy");
        assertEquals(List.of(), problems);
    }

    @Test
    void eachMigrationRunsTheServicesImageWithItsEnvironmentAndExits() {
        List<String> problems = new ArrayList<>();
        for (String service : DeployTree.SERVICES) {
            JsonNode migrate = services.path(service + "-migrate");
            JsonNode main = services.path(service);
            if (!migrate.path("image").equals(main.path("image"))) {
                problems.add(service + "-migrate runs " + migrate.path("image") + ", the service " + main.path("image"));
            }
            Map<String, String> migrateEnv = environment(migrate);
            Map<String, String> serviceEnv = environment(main);
            if (!"true".equals(migrateEnv.remove("QUARKUS_INIT_AND_EXIT"))) {
                problems.add(service + "-migrate: QUARKUS_INIT_AND_EXIT is not true (it would go on serving)");
            }
            if (!"true".equals(migrateEnv.remove("QUARKUS_FLYWAY_MIGRATE_AT_START"))) {
                problems.add(service + "-migrate: QUARKUS_FLYWAY_MIGRATE_AT_START is not true");
            }
            if (!"false".equals(serviceEnv.remove("QUARKUS_FLYWAY_MIGRATE_AT_START"))) {
                problems.add(service + ": QUARKUS_FLYWAY_MIGRATE_AT_START is not false (every replica would migrate)");
            }
            if (!migrateEnv.equals(serviceEnv)) {
                Set<String> differ = new TreeSet<>(migrateEnv.keySet());
                differ.addAll(serviceEnv.keySet());
                differ.removeIf(k -> java.util.Objects.equals(migrateEnv.get(k), serviceEnv.get(k)));
                problems.add(service + "-migrate's environment differs from the service's in " + differ);
            }
            if (!migrate.path("secrets").equals(main.path("secrets"))) {
                problems.add(service + "-migrate does not mount the service's secrets");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theServicesSetTheContractsVariablesAndNoOthers() {
        List<String> problems = new ArrayList<>();
        for (String service : DeployTree.SERVICES) {
            Set<String> expected = new TreeSet<>(COMMON_VARIABLES);
            expected.addAll(SERVICE_VARIABLES.get(service));
            Set<String> allowed = new TreeSet<>(expected);
            allowed.addAll(OPTIONAL_VARIABLES.getOrDefault(service, List.of()));
            Set<String> actual = environment(services.path(service)).keySet();
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<String> unknown = new TreeSet<>(actual);
            unknown.removeAll(allowed);
            if (!missing.isEmpty()) {
                problems.add(service + " does not set " + missing);
            }
            if (!unknown.isEmpty()) {
                problems.add(service + " sets names outside the contract " + unknown);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theServicesReachPostgresAndKafkaByTheirComposeNamesAsTheirOwnRoleAndDatabase() {
        String init = DeployTree.read("deploy/compose/postgres/initdb/10-duban-databases.sh");
        List<String> problems = new ArrayList<>();
        for (String service : DeployTree.SERVICES) {
            Map<String, String> env = environment(services.path(service));
            String database = DeployTree.database(service);
            if (!"jdbc:postgresql://postgres:5432".equals(env.get("DUBAN_DB_URL"))) {
                problems.add(service + ": DUBAN_DB_URL " + env.get("DUBAN_DB_URL"));
            }
            // the role is named as its database (BRIEF-17: duban_registry, duban_task, duban_notification)
            if (!database.equals(env.get("DUBAN_DB_USER"))) {
                problems.add(service + ": DUBAN_DB_USER " + env.get("DUBAN_DB_USER") + ", its database is " + database);
            }
            if (!init.contains("CREATE ROLE " + database + " LOGIN PASSWORD")) {
                problems.add("the init script creates no login role " + database);
            }
            if (!init.contains("CREATE DATABASE " + database + " OWNER " + database + ";")) {
                problems.add("the init script creates no database " + database + " owned by its role");
            }
            if (!init.contains("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC;")) {
                problems.add("the init script leaves " + database + " open to every role");
            }
            if (!"kafka:9092".equals(env.get("KAFKA_BOOTSTRAP_SERVERS"))) {
                problems.add(service + ": KAFKA_BOOTSTRAP_SERVERS " + env.get("KAFKA_BOOTSTRAP_SERVERS"));
            }
        }
        Map<String, String> kafka = environment(services.path("kafka"));
        if (!"PLAINTEXT://kafka:9092".equals(kafka.get("KAFKA_ADVERTISED_LISTENERS"))) {
            problems.add("kafka advertises " + kafka.get("KAFKA_ADVERTISED_LISTENERS") + ", not PLAINTEXT://kafka:9092");
        }
        if (!"broker,controller".equals(kafka.get("KAFKA_PROCESS_ROLES"))) {
            problems.add("kafka is not a KRaft broker+controller: " + kafka.get("KAFKA_PROCESS_ROLES"));
        }
        if (!services.path("postgres").path("image").asText().matches("postgres:17(\\..*)?")) {
            problems.add("postgres runs " + services.path("postgres").path("image").asText() + ", not PostgreSQL 17");
        }
        if (!services.path("kafka").path("image").asText().startsWith("apache/kafka:")) {
            problems.add("kafka runs " + services.path("kafka").path("image").asText() + ", not the Apache image");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theTopicsStepRunsCreateTopicsAndTheDataLivesOnVolumes() {
        JsonNode topics = services.path("kafka-topics");
        assertTrue(topics.path("volumes").toString().contains("./create-topics.sh:/duban/create-topics.sh"),
                "kafka-topics mounts create-topics.sh: " + topics.path("volumes"));
        assertTrue(topics.path("entrypoint").toString().contains("/duban/create-topics.sh"), "kafka-topics runs it");
        assertTrue(Files.isRegularFile(DeployTree.path("deploy/compose/create-topics.sh")), "deploy/compose/create-topics.sh");
        assertTrue(Files.isRegularFile(DeployTree.path("deploy/compose/postgres/initdb/10-duban-databases.sh")));
        assertTrue(services.path("postgres").path("volumes").toString().contains("postgres-data:/var/lib/postgresql/data"));
        assertTrue(services.path("kafka").path("volumes").toString().contains("kafka-data:/var/lib/kafka/data"));
        assertTrue(compose.path("volumes").has("postgres-data") && compose.path("volumes").has("kafka-data"),
                "named volumes declared");
    }

    /** Every ${VAR} the Compose file reads is in .env.example, so an operator sees every setting in one file. */
    @Test
    void envExampleListsEveryVariableTheComposeFileReads() {
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(DeployTree.read(COMPOSE));
        while (m.find()) {
            read.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(DeployTree.envFile(DeployTree.read("deploy/compose/.env.example")).keySet());
        assertEquals(Set.of(), missing, "variables of compose.yaml missing from deploy/compose/.env.example");
    }

    /** The secrets come from the git-ignored .env and secrets/, never from the committed files. */
    @Test
    void secretsAreRequiredFromTheEnvFileAndNotCommitted() {
        String text = DeployTree.read(COMPOSE);
        for (String secret : List.of("POSTGRES_PASSWORD", "DUBAN_REGISTRY_DB_PASSWORD", "DUBAN_TASK_DB_PASSWORD",
                "DUBAN_NOTIFICATION_DB_PASSWORD", "DUBAN_WEBHOOKS_SECRET_KEY")) {
            assertTrue(text.contains("${" + secret + ":?"), secret + " is not required (${" + secret + ":?…}) in " + COMPOSE);
            assertEquals("", DeployTree.envFile(DeployTree.read("deploy/compose/.env.example")).get(secret),
                    secret + " has a value in the committed .env.example");
        }
        String ignore = DeployTree.read("deploy/compose/.gitignore");
        assertTrue(ignore.lines().anyMatch(".env"::equals) && ignore.lines().anyMatch("secrets/*"::equals), ignore);
    }

    private static List<String> validate(String composeText) {
        Schema schema;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            // the schema's $id is relative (compose_spec.json): give it the address it is published at; nothing is fetched
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(SchemaLocation.of(
                    "https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json"),
                    in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schema.validate(composeText, InputFormat.YAML).stream().map(Error::toString).toList();
    }

    private static Map<String, String> awaitedConditions() {
        Map<String, String> conditions = new LinkedHashMap<>();
        services.forEach(service -> service.path("depends_on").fields()
                .forEachRemaining(e -> conditions.merge(e.getKey(), e.getValue().path("condition").asText(),
                        (a, b) -> a.equals(b) ? a : a + "," + b)));
        return conditions;
    }

    private static void expectCondition(List<String> problems, String service, JsonNode dependsOn, String target, String condition) {
        String actual = dependsOn.path(target).path("condition").asText("none");
        if (!condition.equals(actual)) {
            problems.add(service + " should wait for " + target + " with " + condition + ", has " + actual);
        }
    }

    /** A service's environment as a map (Compose allows a map or a list of KEY=value). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return env;
    }
}
