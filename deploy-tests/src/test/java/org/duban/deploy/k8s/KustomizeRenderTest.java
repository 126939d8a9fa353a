package org.duban.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders deploy/k8s/overlays/prod and dev with {@code kubectl kustomize} and parses every object strictly into
 * its API model ({@link StrictModels}); then checks what production needs of them. Skipped, saying so, where
 * kubectl is not installed (.ci/run installs Debian's kubectl).
 */
class KustomizeRenderTest {

    static final List<String> SERVICES = List.of("unit-registry-service", "task-service", "notification-service");

    private static List<JsonNode> prod;
    private static List<JsonNode> dev;

    private static final String NO_KUBECTL = "kubectl is not installed: the Kubernetes manifests are not rendered"
            + " or checked (apt-get install kubectl; .ci/run does)";

    @BeforeAll
    static void render() throws Exception {
        var kubectl = Manifests.kubectl();
        if (kubectl.isEmpty()) {
            System.err.println("KustomizeRenderTest skipped: " + NO_KUBECTL);
            return;
        }
        Path k8s = Manifests.repoRoot().resolve("deploy/k8s/overlays");
        prod = Manifests.split(Manifests.render(kubectl.get(), k8s.resolve("prod")));
        dev = Manifests.split(Manifests.render(kubectl.get(), k8s.resolve("dev")));
    }

    /** Each test says it is skipped, and why (an aborted @BeforeAll would report no test at all). */
    @BeforeEach
    void needsKubectl() {
        assumeTrue(prod != null, NO_KUBECTL);
    }

    @Test
    void everyObjectOfProdParsesStrictlyIntoItsApiModel() {
        assertAllParse(prod);
        assertTrue(kinds(prod).containsAll(Set.of("Deployment", "Service", "ConfigMap", "Job", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy", "Kafka", "KafkaNodePool", "KafkaUser", "KafkaTopic",
                "Cluster", "Database")), "prod renders " + kinds(prod));
    }

    @Test
    void everyObjectOfDevParsesStrictlyIntoItsApiModel() {
        assertAllParse(dev);
        assertTrue(kinds(dev).containsAll(Set.of("Deployment", "Service", "ConfigMap", "Job", "NetworkPolicy",
                "Kafka", "KafkaNodePool", "KafkaUser", "KafkaTopic", "Cluster", "Database")), "dev renders " + kinds(dev));
    }

    @Test
    void everyDeploymentHasTheThreeProbesResourcesAndRunsAsNonRootWithoutMigrating() {
        for (List<JsonNode> overlay : List.of(prod, dev)) {
            List<Deployment> deployments = all(overlay, Deployment.class);
            assertEquals(new TreeSet<>(SERVICES), names(deployments));
            List<String> violations = new ArrayList<>();
            deployments.forEach(d -> violations.addAll(DeploymentRules.violations(d)));
            assertEquals(List.of(), violations);
        }
    }

    @Test
    void prodRunsTwoReplicasPerServiceWithADisruptionBudgetAndAnAutoscalerAndNoSwaggerUi() {
        List<PodDisruptionBudget> pdbs = all(prod, PodDisruptionBudget.class);
        List<HorizontalPodAutoscaler> hpas = all(prod, HorizontalPodAutoscaler.class);
        for (String s : SERVICES) {
            Deployment d = one(prod, Deployment.class, s);
            assertEquals(2, d.getSpec().getReplicas(), s + " replicas");
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> mine = pdbs.stream().filter(p ->
                    podLabels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet())).toList();
            assertEquals(1, mine.size(), s + ": one PodDisruptionBudget selects its pods");
            assertEquals(1, mine.get(0).getSpec().getMinAvailable().getIntVal(), s + " PDB minAvailable");
            List<HorizontalPodAutoscaler> scalers = hpas.stream().filter(h ->
                    h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(s)).toList();
            assertEquals(1, scalers.size(), s + ": one HorizontalPodAutoscaler scales it");
            assertEquals(2, scalers.get(0).getSpec().getMinReplicas(), s + " HPA minReplicas");
            assertTrue(scalers.get(0).getSpec().getMaxReplicas() >= 2, s + " HPA maxReplicas");
        }
        assertEquals("false", commonConfig(prod).get("DUBAN_SWAGGER_UI_ENABLED"));
    }

    @Test
    void devRunsOneReplicaPerServiceWithSwaggerUiAndNoDisruptionBudget() {
        for (String s : SERVICES) {
            assertEquals(1, one(dev, Deployment.class, s).getSpec().getReplicas(), s + " replicas");
        }
        assertEquals(List.of(), all(dev, PodDisruptionBudget.class), "one replica and a PDB would block every drain");
        assertEquals("true", commonConfig(dev).get("DUBAN_SWAGGER_UI_ENABLED"));
    }

    @Test
    void aNamespaceWideDefaultDenyNetworkPolicyExists() {
        for (List<JsonNode> overlay : List.of(prod, dev)) {
            List<NetworkPolicy> denyAll = all(overlay, NetworkPolicy.class).stream().filter(p ->
                    (p.getSpec().getPodSelector().getMatchLabels() == null
                            || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                            && (p.getSpec().getPodSelector().getMatchExpressions() == null
                            || p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                            && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                            && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                            && (p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty()))
                    .toList();
            assertEquals(1, denyAll.size(), "one policy denying all ingress and egress of every pod");
            for (String s : SERVICES) {
                assertNotNull(one(overlay, NetworkPolicy.class, s), s + " has its own allow policy");
            }
        }
    }

    /**
     * Each service reaches PostgreSQL (5432) and Kafka's TLS listener (9093); task-service reaches the registry
     * (8081) and the registry lets it in; no other service-to-service path exists; PostgreSQL lets the services in.
     */
    @Test
    void networkPoliciesLetEachServiceReachItsDatabaseAndKafkaAndOnlyTaskServiceTheRegistry() {
        for (List<JsonNode> overlay : List.of(prod, dev)) {
            for (String s : SERVICES) {
                NetworkPolicy p = one(overlay, NetworkPolicy.class, s);
                assertEquals(Map.of("app.kubernetes.io/name", s), p.getSpec().getPodSelector().getMatchLabels());
                Set<String> egress = peers(p.getSpec().getEgress().stream().map(r -> Map.entry(r.getTo(), r.getPorts())).toList());
                assertTrue(egress.contains("cnpg.io/cluster=duban-pg:5432"), s + " reaches PostgreSQL: " + egress);
                assertTrue(egress.contains("strimzi.io/cluster=duban-kafka,strimzi.io/kind=Kafka:9093"),
                        s + " reaches Kafka: " + egress);
                Set<String> toServices = egress.stream().filter(e -> e.startsWith("app.kubernetes.io/"))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(s.equals("task-service")
                        ? Set.of("app.kubernetes.io/component=api,app.kubernetes.io/name=unit-registry-service:8081")
                        : Set.of(), toServices, s + " calls only what it must");
                Set<String> ingress = peers(p.getSpec().getIngress().stream().map(r -> Map.entry(r.getFrom(), r.getPorts())).toList());
                Set<String> fromServices = ingress.stream().filter(e -> e.startsWith("app.kubernetes.io/"))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(s.equals("unit-registry-service")
                        ? Set.of("app.kubernetes.io/component=api,app.kubernetes.io/name=task-service:8081")
                        : Set.of(), fromServices, s + " is called only by whom it must");
            }
            NetworkPolicy pg = one(overlay, NetworkPolicy.class, "duban-pg-operands");
            List<String> admitted = pg.getSpec().getIngress().stream()
                    .filter(r -> r.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 5432))
                    .flatMap(r -> r.getFrom().stream())
                    .filter(f -> f.getPodSelector() != null && f.getPodSelector().getMatchExpressions() != null)
                    .flatMap(f -> f.getPodSelector().getMatchExpressions().stream())
                    .filter(e -> e.getKey().equals("app.kubernetes.io/name") && e.getOperator().equals("In"))
                    .flatMap(e -> e.getValues().stream()).toList();
            assertEquals(new TreeSet<>(SERVICES), new TreeSet<>(admitted), "PostgreSQL admits the three services");
        }
    }

    /** "label=value,…:port" per pod-selector peer and port of the rules (namespace and IP peers left out). */
    private static Set<String> peers(List<Map.Entry<List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer>,
            List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort>>> rules) {
        Set<String> out = new TreeSet<>();
        for (var rule : rules) {
            for (var peer : rule.getKey()) {
                if (peer.getPodSelector() == null || peer.getNamespaceSelector() != null
                        || peer.getPodSelector().getMatchLabels() == null) {
                    continue;
                }
                String labels = new TreeSet<>(peer.getPodSelector().getMatchLabels().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()).stream().collect(Collectors.joining(","));
                for (var port : rule.getValue()) {
                    out.add(labels + ":" + port.getPort().getIntVal());
                }
            }
        }
        return out;
    }

    @Test
    void eachServiceHasAMigrationJobThatMigratesWithTheSameImageAndExits() {
        for (List<JsonNode> overlay : List.of(prod, dev)) {
            for (String s : SERVICES) {
                Job job = one(overlay, Job.class, s + "-migrate");
                var c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
                Map<String, String> env = c.getEnv().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
                assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"), s + " migrates");
                assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT"), s + " exits when migrated");
                var d = one(overlay, Deployment.class, s).getSpec().getTemplate().getSpec().getContainers().get(0);
                assertEquals(d.getImage(), c.getImage(), s + ": the Job migrates the schema of the image deployed");
                assertEquals(d.getEnvFrom(), c.getEnvFrom(), s + ": the Job reads the configuration the service does");
                // an upgrade applies these first (kubectl apply -k … -l duban/apply-first=true), then the rest
                assertEquals("true", job.getMetadata().getLabels().get("duban/apply-first"), s + " Job applied first");
                for (var from : c.getEnvFrom()) {
                    ConfigMap cm = one(overlay, ConfigMap.class, from.getConfigMapRef().getName());
                    assertEquals("true", cm.getMetadata().getLabels().get("duban/apply-first"),
                            cm.getMetadata().getName() + " is applied with the Job that reads it");
                }
            }
        }
    }

    @Test
    void kafkaIsKraftWithThreeControllerBrokersAndATlsScramListener() {
        Kafka kafka = one(prod, Kafka.class, "duban-kafka");
        KafkaNodePool pool = all(prod, KafkaNodePool.class).get(0);
        assertEquals("duban-kafka", pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals(3, pool.getSpec().getReplicas());
        assertEquals(Set.of(ProcessRoles.CONTROLLER, ProcessRoles.BROKER), Set.copyOf(pool.getSpec().getRoles()));
        GenericKafkaListener tls = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.getPort() == 9093).findFirst().orElseThrow();
        assertTrue(tls.isTls(), "9093 is TLS");
        assertTrue(tls.getAuth() instanceof KafkaListenerAuthenticationScramSha512, "9093 authenticates SCRAM-SHA-512");
        assertEquals("simple", kafka.getSpec().getKafka().getAuthorization().getType());
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertEquals(2, config.get("min.insync.replicas"));
        assertEquals(3, config.get("default.replication.factor"));
    }

    /** Every topic and consumer group a service's application.properties names is granted to its KafkaUser. */
    @Test
    void eachKafkaUserIsGrantedWhatItsServiceReadsAndWrites() throws IOException {
        Path root = Manifests.repoRoot();
        for (String s : SERVICES) {
            KafkaUser user = one(prod, KafkaUser.class, s);
            assertTrue(user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication, s);
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(root.resolve(s + "/src/main/resources/application.properties"))) {
                p.load(r);
            }
            Set<String> needs = new TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                    needs.add("topic " + p.getProperty(key) + " Read");
                    String group = p.getProperty(key.replaceFirst("\\.topic$", ".group.id"));
                    assertNotNull(group, key + ": a consumer without a group.id cannot be granted one");
                    needs.add("group " + group + " Read");
                } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                    needs.add("topic " + p.getProperty(key) + " Write");
                }
            }
            assertFalse(needs.isEmpty(), s + " uses Kafka");
            Set<String> granted = new HashSet<>();
            for (AclRule acl : acls) {
                String resource = acl.getResource() instanceof AclRuleTopicResource t ? "topic " + t.getName()
                        : acl.getResource() instanceof AclRuleGroupResource g ? "group " + g.getName() : "other";
                for (AclOperation op : acl.getOperations()) {
                    granted.add(resource + " " + op.toValue());
                }
            }
            Set<String> missing = new TreeSet<>(needs);
            missing.removeAll(granted);
            assertEquals(Set.of(), missing, s + ": ACLs missing from its KafkaUser");
        }
    }

    @Test
    void postgresIsOneClusterOfThreeInstancesWithADatabaseAndARolePerService() {
        JsonNode cluster = raw(prod, "Cluster", "duban-pg");
        assertEquals(3, cluster.path("spec").path("instances").asInt());
        Set<String> roles = new TreeSet<>();
        cluster.path("spec").path("managed").path("roles").forEach(r -> roles.add(r.path("name").asText()));
        assertEquals(Set.of("duban_registry", "duban_task", "duban_notification"), roles);
        Set<String> databases = new TreeSet<>();
        for (JsonNode d : prod) {
            if (d.path("kind").asText().equals("Database")) {
                assertEquals("duban-pg", d.path("spec").path("cluster").path("name").asText());
                assertEquals(d.path("spec").path("name").asText(), d.path("spec").path("owner").asText(),
                        "each database is owned by its service's role");
                databases.add(d.path("spec").path("name").asText());
            }
        }
        assertEquals(Set.of("duban_registry", "duban_task", "duban_notification"), databases);
    }

    /**
     * Every ConfigMap a workload reads is rendered; every Secret it (or the PostgreSQL Cluster) reads is one the
     * operators write or the platform operator creates, and docs/deployment-k8s.md lists it.
     */
    @Test
    void everyConfigMapAWorkloadReadsIsRenderedAndEverySecretIsDocumented() throws IOException {
        String docs = Files.readString(Manifests.repoRoot().resolve("docs/deployment-k8s.md"));
        for (List<JsonNode> overlay : List.of(prod, dev)) {
            Set<String> configMaps = names(all(overlay, ConfigMap.class));
            Set<String> secrets = new TreeSet<>();
            List<io.fabric8.kubernetes.api.model.PodSpec> pods = new ArrayList<>();
            all(overlay, Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
            all(overlay, Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
            for (var pod : pods) {
                for (var c : pod.getContainers()) {
                    for (var from : c.getEnvFrom()) {
                        if (from.getConfigMapRef() != null) {
                            assertTrue(configMaps.contains(from.getConfigMapRef().getName()),
                                    "ConfigMap " + from.getConfigMapRef().getName() + " is rendered");
                        }
                        if (from.getSecretRef() != null) {
                            secrets.add(from.getSecretRef().getName());
                        }
                    }
                    for (var e : c.getEnv()) {
                        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                            secrets.add(e.getValueFrom().getSecretKeyRef().getName());
                        }
                        if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                            assertTrue(configMaps.contains(e.getValueFrom().getConfigMapKeyRef().getName()));
                        }
                    }
                }
                pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                        .forEach(v -> secrets.add(v.getSecret().getSecretName()));
            }
            // the Cluster's role passwords, bootstrap owner and object-store credentials
            overlay.stream().filter(d -> d.path("kind").asText().equals("Cluster"))
                    .forEach(d -> secretNames(d.path("spec"), secrets));
            assertTrue(secrets.size() >= 10, "secrets read: " + secrets);
            Set<String> undocumented = secrets.stream().filter(s -> !docs.contains("`" + s + "`"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(), undocumented, "Secrets read but not in docs/deployment-k8s.md");
        }
    }

    private static void secretNames(JsonNode node, Set<String> into) {
        node.fields().forEachRemaining(f -> {
            if (Set.of("passwordSecret", "secret", "accessKeyId", "secretAccessKey").contains(f.getKey())
                    && f.getValue().has("name")) {
                into.add(f.getValue().path("name").asText());
            } else if (f.getValue().isContainerNode()) {
                secretNames(f.getValue(), into);
            }
        });
        if (node.isArray()) {
            node.forEach(n -> secretNames(n, into));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static void assertAllParse(List<JsonNode> docs) {
        assertFalse(docs.isEmpty(), "nothing rendered");
        List<String> errors = new ArrayList<>();
        for (JsonNode doc : docs) {
            try {
                StrictModels.parse(doc);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            fail(errors.size() + " object(s) do not parse strictly:\n" + String.join("\n", errors));
        }
    }

    private static Set<String> kinds(List<JsonNode> docs) {
        return docs.stream().map(d -> d.path("kind").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> List<T> all(List<JsonNode> docs, Class<T> type) {
        String key = StrictModels.MODELS.entrySet().stream().filter(e -> e.getValue().equals(type))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        return docs.stream()
                .filter(d -> (d.path("apiVersion").asText() + "/" + d.path("kind").asText()).equals(key))
                .map(d -> type.cast(StrictModels.parse(d)))
                .toList();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T one(List<JsonNode> docs, Class<T> type,
                                                                                 String name) {
        List<T> found = all(docs, type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " " + name);
        return found.get(0);
    }

    private static JsonNode raw(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static Set<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** duban-common's data (its name carries Kustomize's hash suffix). */
    private static Map<String, String> commonConfig(List<JsonNode> docs) {
        List<ConfigMap> common = all(docs, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("duban-common-")).toList();
        assertEquals(1, common.size(), "one ConfigMap duban-common");
        return common.get(0).getData();
    }
}
