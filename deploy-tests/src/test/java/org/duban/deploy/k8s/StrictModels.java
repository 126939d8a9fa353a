package org.duban.deploy.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a rendered object STRICTLY into its API model: the fabric8 Kubernetes model for the core, apps, batch,
 * policy, autoscaling and networking kinds, Strimzi's {@code io.strimzi:api} model for its kinds, and the
 * CloudNativePG CRD schemas kept in the repository for CloudNativePG's kinds. An unknown field, a wrong type or a
 * kind/apiVersion this list does not know is an error, as the API server (structural schemas) would make it.
 * <p>
 * Both models keep unknown fields in an {@code additionalProperties} map ({@code @JsonAnySetter}), so
 * FAIL_ON_UNKNOWN_PROPERTIES alone would refuse nothing: the any-setters are switched off here. Scalars are not
 * coerced either ("2" is not an integer, 2 is not a string, "true" is not a boolean).
 */
final class StrictModels {

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /** Writes every property back, whatever the model's @JsonInclude says (defaults, nulls): for {@link #lossless}. */
    private static final ObjectMapper READ_BACK = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated a) {
                    return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
                }
            })
            .build();

    /** apiVersion + kind → the model class (fabric8 or Strimzi). */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            // Strimzi 0.49+ serves kafka.strimzi.io/v1; v1beta2 is deprecated and goes in Strimzi 0.52
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    /** apiVersion + kind → the CRD file (src/test/resources/crd) whose v1 schema checks it. */
    static final Map<String, String> CRDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "crd/postgresql.cnpg.io_clusters.yaml",
            "postgresql.cnpg.io/v1/Database", "crd/postgresql.cnpg.io_databases.yaml",
            "postgresql.cnpg.io/v1/ScheduledBackup", "crd/postgresql.cnpg.io_scheduledbackups.yaml");

    private StrictModels() {
    }

    /**
     * The object as its model (fabric8/Strimzi), or the tree itself for a CRD-checked kind.
     *
     * @throws IllegalArgumentException naming the object and what is wrong with it
     */
    static Object parse(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<?> model = MODELS.get(key);
        if (model != null) {
            Object parsed;
            try {
                parsed = STRICT.treeToValue(doc, model);
            } catch (Exception e) {
                throw new IllegalArgumentException(Manifests.describe(doc) + ": " + e.getMessage(), e);
            }
            List<String> lost = new ArrayList<>();
            ObjectNode back = READ_BACK.valueToTree(parsed);
            // the object's type is the key it was parsed by (Strimzi's model writes its own apiVersion back)
            back.set("apiVersion", doc.get("apiVersion"));
            back.set("kind", doc.get("kind"));
            lossless(doc, back, "", lost);
            if (!lost.isEmpty()) {
                throw new IllegalArgumentException(Manifests.describe(doc) + ": not kept by the model " + lost);
            }
            return parsed;
        }
        String crd = CRDS.get(key);
        if (crd != null) {
            ObjectNode withoutMeta = ((ObjectNode) doc).deepCopy();
            // metadata is checked as the Kubernetes ObjectMeta it is (the CRD schema says only "object")
            JsonNode meta = withoutMeta.replace("metadata", STRICT.createObjectNode());
            try {
                STRICT.treeToValue(meta, ObjectMeta.class);
            } catch (Exception e) {
                throw new IllegalArgumentException(Manifests.describe(doc) + ": metadata: " + e.getMessage(), e);
            }
            List<String> errors = CrdSchemas.forResource(crd).validate(withoutMeta);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(Manifests.describe(doc) + " against " + crd + ": " + errors);
            }
            return doc;
        }
        throw new IllegalArgumentException(Manifests.describe(doc) + ": no model or CRD schema for " + key
                + " (known: " + MODELS.keySet() + ", " + CRDS.keySet() + ")");
    }

    /**
     * Every value of the manifest is in the model read back (defaults the model adds are fine). This catches what
     * a lenient custom deserializer turns into null, e.g. an enum value Strimzi does not know ("Writ").
     */
    static void lossless(JsonNode in, JsonNode out, String path, List<String> lost) {
        if (in.isContainerNode() && in.isEmpty()) {
            return;
        }
        if (out == null || out.isNull() || out.isMissingNode()) {
            lost.add(path + " = " + in);
        } else if (in.isObject()) {
            in.fields().forEachRemaining(f -> lossless(f.getValue(), out.get(f.getKey()), path + "." + f.getKey(), lost));
        } else if (in.isArray()) {
            if (!out.isArray() || out.size() != in.size()) {
                lost.add(path + " = " + in + " read as " + out);
                return;
            }
            for (int i = 0; i < in.size(); i++) {
                lossless(in.get(i), out.get(i), path + "[" + i + "]", lost);
            }
        } else if (out.isContainerNode() || !in.asText().equals(out.asText())) {
            lost.add(path + " = " + in + " read as " + out);
        }
    }
}
