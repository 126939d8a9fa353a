package org.duban.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strict parsing of {@link StrictModels} and the rules of {@link DeploymentRules} refuse a broken manifest:
 * each broken object here is one field away from one that passes (the passing one is checked too), so a refusal
 * is about that field.
 */
class StrictModelsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: task-service
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: task-service
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: task-service
                spec:
                  securityContext:
                    runAsNonRoot: true
                  topologySpreadConstraints:
                    - maxSkew: 1
                      topologyKey: kubernetes.io/hostname
                      whenUnsatisfiable: DoNotSchedule
                  containers:
                    - name: task-service
                      image: duban/task-service:0.1.0
                      env:
                        - name: QUARKUS_FLYWAY_MIGRATE_AT_START
                          value: "false"
                      startupProbe:
                        httpGet:
                          path: /q/health/started
                          port: http
                      livenessProbe:
                        httpGet:
                          path: /q/health/live
                          port: http
                      readinessProbe:
                        httpGet:
                          path: /q/health/ready
                          port: http
                      resources:
                        requests:
                          cpu: 250m
                          memory: 512Mi
                        limits:
                          cpu: "2"
                          memory: 768Mi
                      securityContext:
                        readOnlyRootFilesystem: true
                        allowPrivilegeEscalation: false
            """;

    private static final String KAFKA_USER = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata:
              name: task-service
              labels:
                strimzi.io/cluster: duban-kafka
            spec:
              authentication:
                type: scram-sha-512
              authorization:
                type: simple
                acls:
                  - resource:
                      type: topic
                      name: duban.task-events
                      patternType: literal
                    operations: [Describe, Write]
            """;

    private static final String CLUSTER = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: duban-pg
            spec:
              instances: 3
              storage:
                size: 20Gi
              managed:
                roles:
                  - name: duban_task
                    ensure: present
                    login: true
                    passwordSecret:
                      name: duban-pg-task
            """;

    @Test
    void theUnbrokenObjectsParse() throws IOException {
        assertTrue(StrictModels.parse(yaml(DEPLOYMENT)) instanceof Deployment);
        StrictModels.parse(yaml(KAFKA_USER));
        StrictModels.parse(yaml(CLUSTER));
        assertEquals(List.of(), DeploymentRules.violations((Deployment) StrictModels.parse(yaml(DEPLOYMENT))));
    }

    @Test
    void aTypoInAKubernetesObjectIsRefused() {
        assertRefused(DEPLOYMENT.replace("  replicas: 2", "  replica: 2"), "replica");
        // deep inside the pod template, where fabric8 would otherwise keep it in additionalProperties
        assertRefused(DEPLOYMENT.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true"),
                "readOnlyRootFileSystem");
        assertRefused(DEPLOYMENT.replace("  name: task-service\nspec:", "  name: task-service\n  label: {}\nspec:"),
                "label");
    }

    @Test
    void aWrongTypeInAKubernetesObjectIsRefused() {
        assertRefused(DEPLOYMENT.replace("replicas: 2", "replicas: \"2\""), "replicas");
        assertRefused(DEPLOYMENT.replace("value: \"false\"", "value: false"), "value");
        assertRefused(DEPLOYMENT.replace("runAsNonRoot: true", "runAsNonRoot: \"true\""), "runAsNonRoot");
    }

    @Test
    void aTypoOrAWrongTypeInAStrimziObjectIsRefused() {
        assertRefused(KAFKA_USER.replace("    operations: [Describe, Write]", "    operation: [Describe, Write]"),
                "operation");
        assertRefused(KAFKA_USER.replace("patternType: literal", "patternTyp: literal"), "patternTyp");
        assertRefused(KAFKA_USER.replace("type: scram-sha-512", "type: scram-sha-256"), "scram-sha-256");
        assertRefused(KAFKA_USER.replace("[Describe, Write]", "[Describe, Writ]"), "Writ");
    }

    @Test
    void aTypoOrAWrongTypeInACloudNativePgObjectIsRefusedByItsCrdSchema() {
        assertRefused(CLUSTER.replace("  instances: 3", "  instance: 3"), "instance");
        assertRefused(CLUSTER.replace("instances: 3", "instances: \"3\""), "instances");
        assertRefused(CLUSTER.replace("passwordSecret:", "passwordSecrets:"), "passwordSecrets");
        assertRefused(CLUSTER.replace("ensure: present", "ensure: maybe"), "ensure");
        // a required field missing (Database: cluster, name, owner)
        assertRefused("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Database
                metadata:
                  name: duban-pg-task
                spec:
                  cluster:
                    name: duban-pg
                  name: duban_task
                """, "owner");
        // metadata is Kubernetes' ObjectMeta, checked by the fabric8 model
        assertRefused(CLUSTER.replace("  name: duban-pg\n", "  name: duban-pg\n  label: {}\n"), "label");
    }

    @Test
    void aKindWithoutAModelOrSchemaIsRefused() {
        assertRefused("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n", "no model");
        assertRefused(KAFKA_USER.replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"), "no model");
    }

    @Test
    void aDeploymentWithoutAProbeLimitsOrNonRootBreaksTheRules() throws IOException {
        assertViolation(withoutLines(DEPLOYMENT, "readinessProbe:", 4), "no readinessProbe");
        assertViolation(DEPLOYMENT.replace("path: /q/health/live", "path: /q/health"), "livenessProbe");
        assertViolation(withoutLines(DEPLOYMENT, "limits:", 3), "no resources.limits.cpu");
        assertViolation(DEPLOYMENT.replace("memory: 512Mi", "memory: 512Mo"), "not a quantity");
        assertViolation(DEPLOYMENT.replace("runAsNonRoot: true", "runAsNonRoot: false"), "runAsNonRoot");
        assertViolation(DEPLOYMENT.replace("value: \"false\"", "value: \"true\""), "QUARKUS_FLYWAY_MIGRATE_AT_START");
    }

    private static void assertRefused(String manifest, String mentioned) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrictModels.parse(yaml(manifest)), "refused: " + mentioned);
        assertTrue(e.getMessage().contains(mentioned), "the refusal names " + mentioned + ": " + e.getMessage());
    }

    private static void assertViolation(String manifest, String mentioned) throws IOException {
        List<String> v = DeploymentRules.violations((Deployment) StrictModels.parse(yaml(manifest)));
        assertTrue(v.stream().anyMatch(s -> s.contains(mentioned)), "a violation about " + mentioned + ": " + v);
    }

    /** The manifest without the line containing {@code first} and the {@code count - 1} lines after it. */
    private static String withoutLines(String manifest, String first, int count) {
        List<String> lines = new java.util.ArrayList<>(manifest.lines().toList());
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            at = lines.get(i).contains(first) ? i : -1;
        }
        assertTrue(at >= 0, first);
        lines.subList(at, at + count).clear();
        return String.join("\n", lines) + "\n";
    }

    private static JsonNode yaml(String s) throws IOException {
        List<JsonNode> docs = Manifests.split(s);
        assertEquals(1, docs.size());
        return docs.get(0);
    }
}
