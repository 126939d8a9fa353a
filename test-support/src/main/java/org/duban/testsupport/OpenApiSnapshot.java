package org.duban.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps docs/openapi/&lt;service&gt;.json in step with the live OpenAPI document: a service's
 * OpenApiSnapshotTest hands the live JSON to {@link #check}, which fails on any difference
 * (key order and whitespace aside), after checking the document keeps {@link OpenApiContract}.
 * {@code -Dduban.openapi.update=true} writes the snapshot
 * instead: {@code ./mvnw -B verify -pl <service> -am -Dtest=OpenApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dduban.openapi.update=true}.
 */
public final class OpenApiSnapshot {

    public static final String UPDATE_PROPERTY = "duban.openapi.update";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiSnapshot() {
    }

    /** docs/openapi/&lt;service&gt;.json of the repository (tests run in the module's directory). */
    public static Path of(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/openapi/" + service + ".json");
    }

    /** Throws AssertionError naming the first differences when the live document drifted. */
    public static void check(String liveJson, Path snapshot) {
        try {
            JsonNode live = sorted(JSON.readTree(liveJson));
            List<String> broken = OpenApiContract.violations(live);
            if (!broken.isEmpty()) {
                throw new AssertionError("The OpenAPI document breaks the API contract (" + broken.size() + "):\n  "
                        + String.join("\n  ", broken));
            }
            String rendered = JSON.writeValueAsString(live) + "\n";
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, rendered, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(snapshot)) {
                throw new AssertionError("No OpenAPI snapshot at " + snapshot + "; write it with -D" + UPDATE_PROPERTY + "=true");
            }
            JsonNode committed = JSON.readTree(Files.readString(snapshot, StandardCharsets.UTF_8));
            if (!committed.equals(live)) {
                List<String> diffs = new ArrayList<>();
                diff("", committed, live, diffs);
                throw new AssertionError("The OpenAPI document differs from " + snapshot + " at "
                        + String.join(", ", diffs.subList(0, Math.min(diffs.size(), 15)))
                        + (diffs.size() > 15 ? " … (" + diffs.size() + " in all)" : "")
                        + ". If the change is intended, regenerate with -D" + UPDATE_PROPERTY + "=true and commit it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            Map<String, JsonNode> m = new TreeMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            ObjectNode o = JSON.createObjectNode();
            m.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JSON.createArrayNode();
            n.forEach(v -> a.add(sorted(v)));
            return a;
        }
        return n;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k)) {
                    out.add("-" + path + "/" + k);
                } else {
                    diff(path + "/" + k, a.get(k), b.get(k), out);
                }
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!a.has(k)) {
                    out.add("+" + path + "/" + k);
                }
            }
            return;
        }
        out.add("~" + (path.isEmpty() ? "/" : path));
    }
}
