package org.duban.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CustomResourceDefinition's v1 OpenAPI v3 schema as a JSON Schema that refuses unknown fields, as the API
 * server does for a structural schema (it prunes them; kubectl apply --validate=strict refuses them): every
 * object schema without {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields} gets
 * {@code additionalProperties: false}. The CEL rules ({@code x-kubernetes-validations}) are not evaluated.
 */
final class CrdSchemas {

    private static final Map<String, CrdSchemas> CACHE = new ConcurrentHashMap<>();
    /**
     * OpenAPI 3.0's schema dialect (draft 4 with {@code nullable}) plus Kubernetes' own keywords, which carry no
     * check here (the list/map merge hints, int-or-string, which the anyOf beside it checks, and the CEL rules).
     */
    private static final Dialect KUBERNETES = Dialect.builder(Dialects.getOpenApi30())
            .keywords(List.of("x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
                            "x-kubernetes-int-or-string", "x-kubernetes-validations",
                            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource")
                    .stream().map(NonValidationKeyword::new).toList())
            .build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(KUBERNETES);

    private final Schema schema;

    private CrdSchemas(JsonNode openApiV3Schema) {
        JsonNode strict = strict(openApiV3Schema.deepCopy());
        this.schema = REGISTRY.getSchema(strict.toString(), InputFormat.JSON);
    }

    /** The schema of version v1 of the CRD in this classpath resource. */
    static CrdSchemas forResource(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("no CRD " + r + " on the test classpath");
                }
                return fromCrd(new YAMLMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static CrdSchemas fromCrd(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if ("v1".equals(version.path("name").asText())) {
                return new CrdSchemas(version.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalStateException("CRD " + crd.path("metadata").path("name").asText() + " has no version v1");
    }

    /** The violations (empty when the object conforms). */
    List<String> validate(JsonNode object) {
        List<Error> errors = schema.validate(object.toString(), InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /** Adds additionalProperties: false wherever Kubernetes would not keep an unknown field. */
    static JsonNode strict(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            return node;
        }
        boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = o.path("x-kubernetes-embedded-resource").asBoolean(false);
        if ("object".equals(o.path("type").asText()) && !o.has("additionalProperties") && !preserve && !embedded) {
            o.put("additionalProperties", false);
        }
        JsonNode props = o.get("properties");
        if (props != null) {
            for (Iterator<JsonNode> it = props.elements(); it.hasNext(); ) {
                strict(it.next());
            }
        }
        for (String k : List.of("items", "additionalProperties", "not")) {
            if (o.get(k) != null && o.get(k).isObject()) {
                strict(o.get(k));
            }
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (o.get(k) != null) {
                o.get(k).forEach(CrdSchemas::strict);
            }
        }
        return o;
    }
}
