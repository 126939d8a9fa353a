package org.duban.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A record against its JSON Schema (classpath {@code schemas/}): by validation of a serialised instance
 * ({@link #validate}), and member by member ({@link #differences}) — so a record that gains or loses a member
 * without its schema is caught even where no example fills the member.
 */
final class SchemaContract {

    static final String DIR = "schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> FILES = new HashMap<>();

    private SchemaContract() {
    }

    /** The schema file of a payload record: its simple name in kebab case (TaskAssigned: task-assigned.json). */
    static String fileOf(Class<?> record) {
        return record.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase() + ".json";
    }

    /** The validation errors of {@code json} against the schema file (empty: valid). */
    static List<String> validate(String file, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:" + DIR + file));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    static JsonNode file(String file) {
        return FILES.computeIfAbsent(file, f -> {
            try (InputStream in = SchemaContract.class.getClassLoader().getResourceAsStream(DIR + f)) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema file " + DIR + f);
                }
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Where the record and the schema disagree: a component with no property, a property with no component, a
     * member always written (no {@code NON_NULL}) that the schema does not require, a primitive member it does not
     * require; record-typed members (and lists of records) are compared with their sub-schemas, recursively.
     */
    static List<String> differences(Class<?> record, String file) {
        List<String> out = new ArrayList<>();
        compare(record, file, file(file), record.getSimpleName(), out);
        return out;
    }

    private static void compare(Class<?> record, String file, JsonNode schema, String path, List<String> out) {
        Resolved r = resolve(file, schema);
        file = r.file;
        schema = r.node;
        JsonNode props = schema.path("properties");
        if (!props.isObject()) {
            out.add(path + ": the schema has no properties for record " + record.getSimpleName());
            return;
        }
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
            out.add(path + ": the schema must refuse other members (additionalProperties: false)");
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        Set<String> properties = new TreeSet<>();
        props.fieldNames().forEachRemaining(properties::add);
        boolean alwaysWritten = !nonNull(record);
        Set<String> components = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            components.add(c.getName());
            String at = path + "." + c.getName();
            if (!properties.contains(c.getName())) {
                out.add(at + ": a member of the record, not in the schema " + file);
                continue;
            }
            if ((alwaysWritten || c.getType().isPrimitive()) && !required.contains(c.getName())) {
                out.add(at + ": always written, but not required by the schema " + file);
            }
            Class<?> nested = recordOf(c.getGenericType());
            if (nested != null) {
                JsonNode sub = props.get(c.getName());
                if (c.getType() == List.class) {
                    sub = resolve(file, sub).node.path("items");
                }
                compare(nested, resolve(file, sub).file, sub, at, out);
            }
        }
        for (String p : properties) {
            if (!components.contains(p)) {
                out.add(path + "." + p + ": in the schema " + file + ", not a member of the record");
            }
        }
        for (String q : required) {
            if (!properties.contains(q)) {
                out.add(path + "." + q + ": required by the schema " + file + " but not one of its properties");
            }
        }
    }

    private static boolean nonNull(Class<?> record) {
        JsonInclude inc = record.getAnnotation(JsonInclude.class);
        return inc != null && inc.value() == JsonInclude.Include.NON_NULL;
    }

    /** The record a component holds, itself or as the elements of a list; null for anything else. */
    private static Class<?> recordOf(Type t) {
        if (t instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord()) {
            return e;
        }
        return null;
    }

    private record Resolved(String file, JsonNode node) {
    }

    /** Follows {@code $ref} (to this file, or to another file of the directory) and a nullable {@code oneOf}. */
    static Resolved resolve(String file, JsonNode node) {
        for (int hops = 0; hops < 10; hops++) {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                int hash = ref.indexOf('#');
                String target = hash < 0 ? ref : ref.substring(0, hash);
                String pointer = hash < 0 ? "" : ref.substring(hash + 1);
                if (!target.isEmpty()) {
                    file = target;
                }
                node = file(file).at(pointer);
                if (node.isMissingNode()) {
                    throw new IllegalArgumentException("unresolved $ref " + ref + " in " + file);
                }
            } else if (node.has("oneOf")) {
                JsonNode nonNull = null;
                for (JsonNode alt : node.get("oneOf")) {
                    if (!"null".equals(alt.path("type").asText())) {
                        nonNull = alt;
                    }
                }
                node = nonNull;
            } else {
                return new Resolved(file, node);
            }
        }
        throw new IllegalArgumentException("$ref chain too long in " + file);
    }
}
