package org.duban.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.duban.deploy.ConfigurationKeys.listOfMaps;
import static org.duban.deploy.ConfigurationKeys.mapOf;
import static org.duban.deploy.ConfigurationKeys.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 17: every key a service reads in production (database and its TLS, Kafka and its TLS/SCRAM,
 * JWT, SMTP, webhooks, CORS, link base, public base URL, Swagger UI, Flyway) is set where it runs — in
 * the Deployments of the rendered prod overlay (env, or envFrom of a rendered ConfigMap/Secret) and in
 * the Compose services — and the migration runs that the Deployments rely on have the database. A
 * missing file fails: an unchecked deployment is not a checked one.
 */
class ConfigurationKeysTest {

    static final Path PROD_OVERLAY = Path.of("deploy", "k8s", "overlays", "prod");
    static final Path COMPOSE_FILE = Path.of("deploy", "compose", "compose.yaml");

    private final Path root = RepositoryRoot.find();

    @Test
    void theProductionKubernetesRenderSetsEveryKeyOfEveryService() throws Exception {
        List<Map<String, Object>> objects = render(root.resolve(PROD_OVERLAY));
        assertNoProblems(ConfigurationKeys.kubernetesProblems(PROD_OVERLAY.toString(), objects));
    }

    @Test
    void theComposeFileSetsEveryKeyOfEveryService() throws IOException {
        Path file = root.resolve(COMPOSE_FILE);
        if (!Files.isRegularFile(file)) {
            fail(COMPOSE_FILE + " is missing: the configuration of the Compose services cannot be checked");
        }
        assertNoProblems(ConfigurationKeys.composeProblems(COMPOSE_FILE.toString(), yaml(Files.readString(file)), file.getParent()));
    }

    @Test
    void everyRequiredKeyIsOneTheServiceReads() throws IOException {
        // a key renamed in the code and not here (or the reverse) is caught: the lists follow the code
        for (String service : ConfigurationKeys.SERVICES) {
            Set<String> read = ConfigurationKeys.keysRead(root, service);
            read.addAll(propertyKeysOf(service));
            Set<String> notRead = new TreeSet<>(ConfigurationKeys.REQUIRED.get(service));
            notRead.removeAll(read);
            assertTrue(notRead.isEmpty(), service + " does not read " + notRead + " (read: " + read + ")");
        }
        assertTrue(ConfigurationKeys.keysRead(root, "notification-service").contains("DUBAN_WEBHOOKS_SECRET_KEY"),
                "@ConfigMapping members are found");
    }

    @Test
    void keysReadWithoutADefaultAreRequired() throws IOException {
        // ${duban.x} without ":default" in a service's configuration fails to start without the variable
        for (String service : ConfigurationKeys.SERVICES) {
            for (Path file : List.of(root.resolve(service).resolve("src/main/resources/application.properties"),
                    root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"))) {
                var m = java.util.regex.Pattern.compile("\\$\\{(duban\\.[a-z0-9.-]+)}").matcher(Files.readString(file));
                while (m.find()) {
                    String env = ConfigurationKeys.environmentName(m.group(1));
                    assertTrue(ConfigurationKeys.REQUIRED.get(service).contains(env),
                            file + " reads ${" + m.group(1) + "} without a default: add " + env + " to ConfigurationKeys.REQUIRED");
                }
            }
        }
    }

    // ---------------------------------------------------------------- the check itself, on fixtures

    @Test
    void aCompleteKubernetesRenderPasses() throws IOException {
        assertEquals(List.of(), ConfigurationKeys.kubernetesProblems("fixture", k8sFixture()));
    }

    @Test
    void aKeyMissingFromAConfigMapIsNamedWithItsDeployment() throws IOException {
        List<Map<String, Object>> objects = k8sFixture();
        mapOf(path(named(objects, "ConfigMap", "notification-service-h5k2"), "data")).remove("DUBAN_SMTP_HOST");
        assertEquals(List.of("DUBAN_SMTP_HOST is not set in Deployment notification-service in fixture (container notification-service)"),
                ConfigurationKeys.kubernetesProblems("fixture", objects));
    }

    @Test
    void aSecretReferenceMissingFromADeploymentIsNamed() throws IOException {
        List<Map<String, Object>> objects = k8sFixture();
        assertTrue(((List<?>) path(container(named(objects, "Deployment", "task-service")), "env"))
                .removeIf(e -> "DUBAN_KAFKA_SASL_JAAS_CONFIG".equals(mapOf(e).get("name"))));
        assertEquals(List.of("DUBAN_KAFKA_SASL_JAAS_CONFIG is not set in Deployment task-service in fixture (container task-service)"),
                ConfigurationKeys.kubernetesProblems("fixture", objects));
    }

    @Test
    void replicasThatMigrateOrAMissingMigrationJobFail() throws IOException {
        List<Map<String, Object>> migrating = k8sFixture();
        setEnv(container(named(migrating, "Deployment", "unit-registry-service")), "QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        assertEquals(1, ConfigurationKeys.kubernetesProblems("fixture", migrating).size());
        assertTrue(ConfigurationKeys.kubernetesProblems("fixture", migrating).get(0)
                .startsWith("QUARKUS_FLYWAY_MIGRATE_AT_START is not false in Deployment unit-registry-service"));

        List<Map<String, Object>> noJob = k8sFixture();
        noJob.remove(named(noJob, "Job", "task-service-migrate"));
        assertEquals(List.of("Deployment task-service in fixture runs with QUARKUS_FLYWAY_MIGRATE_AT_START=false but no Job"
                        + " of image duban/task-service with QUARKUS_INIT_AND_EXIT=true migrates its database"),
                ConfigurationKeys.kubernetesProblems("fixture", noJob));
    }

    @Test
    void aConfigMapOrSecretNotInTheRenderIsNamed() throws IOException {
        List<Map<String, Object>> objects = k8sFixture();
        objects.remove(named(objects, "ConfigMap", "task-service-h5k2"));
        List<String> problems = ConfigurationKeys.kubernetesProblems("fixture", objects);
        assertTrue(problems.contains("ConfigMap task-service-h5k2 (envFrom of Deployment task-service in fixture) is not in the render"), problems.toString());
        assertTrue(problems.contains("DUBAN_REGISTRY_URL is not set in Deployment task-service in fixture (container task-service)"), problems.toString());
    }

    @Test
    void aCompleteComposeFilePasses() throws IOException {
        assertEquals(List.of(), ConfigurationKeys.composeProblems("fixture", composeFixture(), fixtureDir()));
    }

    @Test
    void aKeyMissingFromAComposeServiceIsNamed() throws IOException {
        Map<String, Object> compose = composeFixture();
        mapOf(path(compose, "services", "task-service", "environment")).remove("DUBAN_PUBLIC_CORS_ORIGINS");
        Map<String, Object> notification = mapOf(path(compose, "services", "notification-service"));
        notification.remove("env_file");
        assertEquals(List.of("DUBAN_PUBLIC_CORS_ORIGINS is not set in Compose service task-service in fixture",
                        "DUBAN_WEBHOOKS_SECRET_KEY is not set in Compose service notification-service in fixture"),
                ConfigurationKeys.composeProblems("fixture", compose, fixtureDir()));
    }

    @Test
    void aComposeMigrationWithoutTheDatabaseOrAMissingServiceIsNamed() throws IOException {
        Map<String, Object> compose = composeFixture();
        ((List<?>) path(compose, "services", "task-service-migrate", "environment")).removeIf(e -> String.valueOf(e).startsWith("DUBAN_DB_URL"));
        mapOf(compose.get("services")).remove("unit-registry-service");
        assertEquals(List.of("no Compose service runs unit-registry-service (named so, or image duban/unit-registry-service) in fixture",
                        "DUBAN_DB_URL is not set in Compose service task-service-migrate in fixture"),
                ConfigurationKeys.composeProblems("fixture", compose, fixtureDir()));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertNoProblems(List<String> problems) {
        assertTrue(problems.isEmpty(), problems.size() + " configuration problem(s):\n  " + String.join("\n  ", problems));
    }

    /** The objects {@code kubectl kustomize} renders from an overlay. */
    private static List<Map<String, Object>> render(Path overlay) throws IOException, InterruptedException {
        if (!Files.isDirectory(overlay)) {
            fail(PROD_OVERLAY + " is missing: the configuration of the Kubernetes Deployments cannot be checked");
        }
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render " + overlay + " (apt-get install kubectl; .ci/run installs it)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize " + overlay + " did not finish");
        assertEquals(0, p.exitValue(), "kubectl kustomize " + overlay + " failed: " + err);
        List<Map<String, Object>> objects = documents(new String(out, StandardCharsets.UTF_8));
        assertTrue(!objects.isEmpty(), "kubectl kustomize " + overlay + " rendered nothing");
        return objects;
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(yaml)) {
            if (d instanceof Map<?, ?>) {
                docs.add(mapOf(d));
            }
        }
        return docs;
    }

    private static Map<String, Object> yaml(String text) {
        return mapOf(new Yaml().load(text));
    }

    private List<Map<String, Object>> k8sFixture() throws IOException {
        return documents(fixture("k8s-complete.yaml"));
    }

    private Map<String, Object> composeFixture() throws IOException {
        return yaml(fixture("compose-complete.yaml"));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ConfigurationKeysTest.class.getResourceAsStream("/config-keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path fixtureDir() {
        try {
            return Path.of(ConfigurationKeysTest.class.getResource("/config-keys/fixture-webhook.env").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> named(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(path(o, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the fixture"));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return listOfMaps(path(workload, "spec", "template", "spec", "containers")).get(0);
    }

    private static void setEnv(Map<String, Object> container, String name, String value) {
        listOfMaps(container.get("env")).stream().filter(e -> name.equals(e.get("name"))).forEach(e -> e.put("value", value));
    }

    /** The environment names of the keys a service's application.properties and common's defaults set. */
    private Set<String> propertyKeysOf(String service) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path file : List.of(root.resolve(service).resolve("src/main/resources/application.properties"),
                root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"))) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                    .forEach(k -> keys.add(ConfigurationKeys.environmentName(k)));
        }
        return keys;
    }
}
