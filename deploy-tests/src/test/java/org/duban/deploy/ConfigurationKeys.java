package org.duban.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys (environment variables) each service needs in production, and where a
 * deployment sets them: the rendered Kubernetes objects (a container's {@code env} and its
 * {@code envFrom} ConfigMaps/Secrets) and the Compose services' {@code environment}/{@code env_file}.
 * Pure: the objects come in parsed, the problems go out as sentences naming the key and the place.
 */
final class ConfigurationKeys {

    static final List<String> SERVICES = List.of("unit-registry-service", "task-service", "notification-service");

    /** The database keys: what a migration needs as much as a replica. */
    static final List<String> DATABASE = List.of(
            "DUBAN_DB_URL", "DUBAN_DB_USER", "DUBAN_DB_PASSWORD", "DUBAN_DB_SSLMODE", "DUBAN_DB_SSLROOTCERT");

    /** Every service reads these in production (docs/deployment.md, BRIEF-17's contract). */
    static final List<String> EVERY_SERVICE = concat(DATABASE, List.of(
            "KAFKA_BOOTSTRAP_SERVERS", "DUBAN_KAFKA_SECURITY_PROTOCOL", "DUBAN_KAFKA_SASL_MECHANISM",
            "DUBAN_KAFKA_SASL_JAAS_CONFIG", "DUBAN_KAFKA_SSL_TRUSTSTORE_LOCATION", "DUBAN_KAFKA_SSL_TRUSTSTORE_TYPE",
            "DUBAN_JWT_PUBLIC_KEY", "DUBAN_JWT_AUDIENCE", "DUBAN_PUBLIC_BASE_URL", "DUBAN_SWAGGER_UI_ENABLED",
            "QUARKUS_FLYWAY_MIGRATE_AT_START"));

    /** What each service needs: the common keys and its own. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "unit-registry-service", EVERY_SERVICE,
            "task-service", concat(EVERY_SERVICE, List.of("DUBAN_REGISTRY_URL", "DUBAN_PUBLIC_CORS_ORIGINS")),
            "notification-service", concat(EVERY_SERVICE, List.of(
                    "DUBAN_WEBHOOKS_SECRET_KEY", "DUBAN_SMTP_HOST", "DUBAN_SMTP_PORT", "DUBAN_SMTP_USERNAME",
                    "DUBAN_SMTP_PASSWORD", "DUBAN_SMTP_FROM", "DUBAN_SMTP_START_TLS", "DUBAN_SMTP_TLS",
                    "DUBAN_NOTIFICATION_LINK_BASE")));

    /** A migration run (the service's image, Flyway on, init-and-exit): the database and the two switches. */
    static final List<String> MIGRATION = concat(DATABASE, List.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "QUARKUS_INIT_AND_EXIT"));

    private ConfigurationKeys() {
    }

    // ------------------------------------------------------------------ Kubernetes

    /**
     * The problems of a rendered overlay ({@code where}, e.g. "deploy/k8s/overlays/prod"): per service a
     * Deployment with every required key, Flyway off in it, and a migration Job that has the database.
     */
    static List<String> kubernetesProblems(String where, List<Map<String, Object>> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> configMaps = byName(objects, "ConfigMap");
        Map<String, Map<String, Object>> secrets = byName(objects, "Secret");
        for (String service : SERVICES) {
            Optional<Map<String, Object>> deployment = objects.stream()
                    .filter(o -> "Deployment".equals(o.get("kind")) && service.equals(path(o, "metadata", "name")))
                    .findFirst();
            if (deployment.isEmpty()) {
                problems.add("no Deployment " + service + " in " + where);
                continue;
            }
            String place = "Deployment " + service + " in " + where;
            Map<String, Object> container = container(deployment.get(), service);
            if (container == null) {
                problems.add("no container in " + place);
                continue;
            }
            Map<String, String> env = containerEnv(container, configMaps, secrets, place, problems);
            missing(REQUIRED.get(service), env, place + " (container " + container.get("name") + ")", problems);
            if ("false".equals(env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"))) {
                List<Map<String, Object>> jobs = objects.stream()
                        .filter(o -> "Job".equals(o.get("kind")))
                        .filter(o -> runsImageOf(o, service)).toList();
                List<Map<String, Object>> migrations = new ArrayList<>();
                for (Map<String, Object> job : jobs) {
                    String jobPlace = "Job " + path(job, "metadata", "name") + " in " + where;
                    Map<String, String> jobEnv = containerEnv(container(job, null), configMaps, secrets, jobPlace, problems);
                    if ("true".equals(jobEnv.get("QUARKUS_INIT_AND_EXIT"))) {
                        migrations.add(job);
                        missing(MIGRATION, jobEnv, jobPlace, problems);
                        if (!"true".equals(jobEnv.get("QUARKUS_FLYWAY_MIGRATE_AT_START"))) {
                            problems.add("QUARKUS_FLYWAY_MIGRATE_AT_START is not true in " + jobPlace + ": it would migrate nothing");
                        }
                    }
                }
                if (migrations.isEmpty()) {
                    problems.add(place + " runs with QUARKUS_FLYWAY_MIGRATE_AT_START=false but no Job of image duban/"
                            + service + " with QUARKUS_INIT_AND_EXIT=true migrates its database");
                }
            } else {
                problems.add("QUARKUS_FLYWAY_MIGRATE_AT_START is not false in " + place
                        + ": every replica would migrate at start (the migration Job does, once per rollout)");
            }
        }
        return problems;
    }

    /** name → value ("" when it comes from a Secret or a field): env overrides envFrom, as in Kubernetes. */
    private static Map<String, String> containerEnv(Map<String, Object> container, Map<String, Map<String, Object>> configMaps,
                                                    Map<String, Map<String, Object>> secrets, String place, List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container == null) {
            return env;
        }
        for (Map<String, Object> from : listOfMaps(container.get("envFrom"))) {
            String prefix = Optional.ofNullable((String) from.get("prefix")).orElse("");
            String cm = (String) path(from, "configMapRef", "name");
            String secret = (String) path(from, "secretRef", "name");
            if (cm != null) {
                Map<String, Object> map = configMaps.get(cm);
                if (map == null) {
                    problems.add("ConfigMap " + cm + " (envFrom of " + place + ") is not in the render");
                } else {
                    mapOf(map.get("data")).forEach((k, v) -> env.put(prefix + k, String.valueOf(v)));
                }
            } else if (secret != null) {
                Map<String, Object> s = secrets.get(secret);
                if (s == null) {
                    problems.add("Secret " + secret + " (envFrom of " + place + ") is not in the render, so its keys"
                            + " cannot be checked: name each key with env[].valueFrom.secretKeyRef instead");
                } else {
                    mapOf(s.get("data")).keySet().forEach(k -> env.put(prefix + k, ""));
                    mapOf(s.get("stringData")).forEach((k, v) -> env.put(prefix + k, String.valueOf(v)));
                }
            }
        }
        for (Map<String, Object> e : listOfMaps(container.get("env"))) {
            String name = (String) e.get("name");
            if (e.containsKey("value")) {
                env.put(name, String.valueOf(e.get("value")));
            } else if (e.get("valueFrom") != null) {
                String cm = (String) path(e, "valueFrom", "configMapKeyRef", "name");
                String key = (String) path(e, "valueFrom", "configMapKeyRef", "key");
                if (cm != null && configMaps.containsKey(cm) && !mapOf(configMaps.get(cm).get("data")).containsKey(key)) {
                    problems.add(name + " in " + place + " reads key " + key + " that ConfigMap " + cm + " does not have");
                }
                env.put(name, cm != null && configMaps.containsKey(cm)
                        ? String.valueOf(mapOf(configMaps.get(cm).get("data")).get(key)) : "");
            } else {
                env.put(name, "");
            }
        }
        return env;
    }

    private static boolean runsImageOf(Map<String, Object> workload, String service) {
        Map<String, Object> c = container(workload, null);
        return c != null && String.valueOf(c.get("image")).contains("duban/" + service);
    }

    /** The container named {@code name} (else the first) of a Deployment's or Job's pod template. */
    private static Map<String, Object> container(Map<String, Object> workload, String name) {
        List<Map<String, Object>> containers = listOfMaps(path(workload, "spec", "template", "spec", "containers"));
        return containers.stream().filter(c -> name != null && name.equals(c.get("name"))).findFirst()
                .orElse(containers.isEmpty() ? null : containers.get(0));
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> objects, String kind) {
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        objects.stream().filter(o -> kind.equals(o.get("kind"))).forEach(o -> named.put((String) path(o, "metadata", "name"), o));
        return named;
    }

    // ------------------------------------------------------------------ Compose

    /**
     * The problems of a Compose file: per service at least one Compose service running it (named so, or
     * running its image) with every required key; a migration run (QUARKUS_INIT_AND_EXIT=true) needs the
     * database keys. {@code dir} resolves {@code env_file}s.
     */
    static List<String> composeProblems(String where, Map<String, Object> compose, Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = mapOf(compose.get("services"));
        for (String service : SERVICES) {
            int runs = 0;
            for (Map.Entry<String, Object> s : services.entrySet()) {
                Map<String, Object> def = mapOf(s.getValue());
                if (!s.getKey().equals(service) && !String.valueOf(def.get("image")).contains("duban/" + service)) {
                    continue;
                }
                String place = "Compose service " + s.getKey() + " in " + where;
                Map<String, String> env = composeEnv(def, dir, place, problems);
                if ("true".equals(env.get("QUARKUS_INIT_AND_EXIT"))) {
                    missing(MIGRATION, env, place, problems);
                } else {
                    runs++;
                    missing(REQUIRED.get(service), env, place, problems);
                }
            }
            if (runs == 0) {
                problems.add("no Compose service runs " + service + " (named so, or image duban/" + service + ") in " + where);
            }
        }
        return problems;
    }

    private static final Pattern COMPOSE_DEFAULT = Pattern.compile("^\\$\\{[A-Za-z0-9_]+:?-([^}]*)}$");

    /** name → value as written (a "${VAR:-default}" as its default), from env_file first, then environment. */
    private static Map<String, String> composeEnv(Map<String, Object> def, Path dir, String place, List<String> problems)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Object envFiles = def.get("env_file");
        List<Object> files = envFiles instanceof List<?> l ? new ArrayList<>(l) : envFiles == null ? List.of() : List.of(envFiles);
        for (Object f : files) {
            String file = f instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(f);
            Path p = dir.resolve(file);
            if (!Files.isRegularFile(p)) {
                problems.add("env_file " + file + " of " + place + " does not exist, so its keys cannot be checked");
                continue;
            }
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    int eq = t.indexOf('=');
                    env.put(eq < 0 ? t : t.substring(0, eq).strip(), eq < 0 ? "" : t.substring(eq + 1).strip());
                }
            }
        }
        Object environment = def.get("environment");
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (environment instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        env.replaceAll((k, v) -> {
            Matcher d = COMPOSE_DEFAULT.matcher(v);
            return d.matches() ? d.group(1) : v;
        });
        return env;
    }

    // ------------------------------------------------------------------ what the code reads

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(duban\\.[a-z0-9.-]+)(:[^}]*)?}");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"(duban\\.[a-z0-9.-]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"(duban\\.[a-z0-9.-]+)\"\\)");
    private static final Pattern MAPPING_METHOD = Pattern.compile("^    [A-Za-z<>, ]+ ([a-z][A-Za-z0-9]*)\\(\\);", Pattern.MULTILINE);

    /**
     * The environment variables of the duban.* keys a service reads: ${duban.…} references in its
     * application.properties and common's defaults, @ConfigProperty names and the top-level members of
     * @ConfigMapping interfaces in its code, common's and unit-replica's.
     */
    static Set<String> keysRead(Path root, String service) throws IOException {
        Set<String> properties = new TreeSet<>();
        for (Path file : List.of(root.resolve(service).resolve("src/main/resources/application.properties"),
                root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"))) {
            Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                properties.add(m.group(1));
            }
        }
        for (String module : List.of(service, "common", "unit-replica")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String java = Files.readString(f, StandardCharsets.UTF_8);
                    Matcher p = CONFIG_PROPERTY.matcher(java);
                    while (p.find()) {
                        properties.add(p.group(1));
                    }
                    Matcher mapping = CONFIG_MAPPING.matcher(java);
                    if (mapping.find()) {
                        Matcher method = MAPPING_METHOD.matcher(java);
                        while (method.find()) {
                            properties.add(mapping.group(1) + "." + kebab(method.group(1)));
                        }
                    }
                }
            }
        }
        Set<String> env = new TreeSet<>();
        properties.forEach(p -> env.add(environmentName(p)));
        return env;
    }

    /** The environment variable SmallRye Config reads for a property: non-alphanumerics → _, upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ helpers

    private static void missing(List<String> required, Map<String, String> env, String place, List<String> problems) {
        for (String key : required) {
            if (!env.containsKey(key)) {
                problems.add(key + " is not set in " + place);
            }
        }
    }

    static Object path(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            if (!(n instanceof Map<?, ?> m)) {
                return null;
            }
            n = m.get(k);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listOfMaps(Object o) {
        if (!(o instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(i -> i instanceof Map<?, ?>).map(i -> (Map<String, Object>) i).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
