package org.duban.deploy.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every Duban Deployment must have, as a list of violations (empty: fine): the three probes on Quarkus'
 * health endpoints, requests and limits for CPU and memory (well-formed quantities), a non-root, read-only,
 * unprivileged container, spread over nodes, and Flyway off (the migration Job runs it).
 */
final class DeploymentRules {

    private DeploymentRules() {
    }

    static List<String> violations(Deployment d) {
        List<String> v = new ArrayList<>();
        String name = d.getMetadata().getName();
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Boolean podNonRoot = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot();
        if (pod.getTopologySpreadConstraints() == null || pod.getTopologySpreadConstraints().isEmpty()) {
            v.add(name + ": no topologySpreadConstraints");
        }
        for (Container c : pod.getContainers()) {
            String where = name + "/" + c.getName();
            probe(v, where, "startupProbe", c.getStartupProbe(), "/q/health/started");
            probe(v, where, "livenessProbe", c.getLivenessProbe(), "/q/health/live");
            probe(v, where, "readinessProbe", c.getReadinessProbe(), "/q/health/ready");
            resources(v, where, c.getResources());
            var sc = c.getSecurityContext();
            Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podNonRoot;
            if (!Boolean.TRUE.equals(nonRoot)) {
                v.add(where + ": runAsNonRoot is not true");
            }
            if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                v.add(where + ": readOnlyRootFilesystem is not true");
            }
            if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                v.add(where + ": allowPrivilegeEscalation is not false");
            }
            boolean migrates = c.getEnv() != null && c.getEnv().stream().anyMatch(e ->
                    e.getName().equals("QUARKUS_FLYWAY_MIGRATE_AT_START") && !"false".equals(e.getValue()));
            boolean migrationOff = c.getEnv() != null && c.getEnv().stream().anyMatch(e ->
                    e.getName().equals("QUARKUS_FLYWAY_MIGRATE_AT_START") && "false".equals(e.getValue()));
            if (migrates || !migrationOff) {
                v.add(where + ": QUARKUS_FLYWAY_MIGRATE_AT_START must be \"false\" (the migration Job migrates)");
            }
        }
        return v;
    }

    private static void probe(List<String> v, String where, String kind, Probe p, String path) {
        if (p == null) {
            v.add(where + ": no " + kind);
        } else if (p.getHttpGet() == null || !path.equals(p.getHttpGet().getPath())) {
            v.add(where + ": " + kind + " is not an HTTP GET of " + path);
        }
    }

    private static void resources(List<String> v, String where, ResourceRequirements r) {
        for (String side : List.of("requests", "limits")) {
            Map<String, Quantity> q = r == null ? null : side.equals("requests") ? r.getRequests() : r.getLimits();
            for (String res : List.of("cpu", "memory")) {
                if (q == null || q.get(res) == null) {
                    v.add(where + ": no resources." + side + "." + res);
                    continue;
                }
                try {
                    Quantity.getAmountInBytes(q.get(res));
                } catch (RuntimeException e) {
                    v.add(where + ": resources." + side + "." + res + " is not a quantity: " + q.get(res));
                }
            }
        }
    }
}
