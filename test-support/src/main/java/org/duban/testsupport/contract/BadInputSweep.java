package org.duban.testsupport.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.duban.testsupport.security.TestKeys;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends bad input to every write endpoint (POST, PUT, PATCH, DELETE) of a service and checks that
 * each answer is a 4xx problem+json — naming the offending field where there is one — and that
 * the database did not change; a problem longer than 8 KB (the input echoed back) is a failure too. Use it in a {@code @QuarkusTest}:
 * <pre>{@code
 * BadInputSweep sweep = BadInputSweep.on(dataSource);
 * sweep.json("POST", "/api/v1/units").body("{\"code\":\"zz\",\"name\":\"珠海市测试局\",\"kind\":\"MUNICIPAL\"}")
 *         .freeText("name");
 * sweep.raw("POST", "/api/v1/plan-imports").body("text/plain; charset=UTF-8", seedBytes);
 * sweep.noBody("POST", "/api/v1/plans/{id}/publish").path("id", draftId);
 * sweep.run();
 * }</pre>
 * Every entry carries a VALID baseline request. Per entry, the sweep derives the bad requests
 * listed below, checks the database fingerprint is unchanged after them, and then sends the
 * baseline itself, which must succeed (2xx, or the statuses given to {@code expect}) — so each bad
 * request differed from a good one in exactly one fault. Entries run in the order declared.
 * <p>
 * JSON bodies: truncated and non-JSON text; empty body; {@code null}, an array, a string and a
 * number instead of the object; an unknown field; per field (nested objects and the first element
 * of arrays included): left out when the schema says required, a value of the wrong type, a
 * 100,000-character string, SQL and script injection strings (not in fields declared free text,
 * where such text is legitimate and stored verbatim); invalid UTF-8 bytes; a body one kilobyte
 * over {@code quarkus.http.limits.max-body-size}; the wrong media type; a key given twice; per
 * string field, its value with a control character (NUL, ESC, DEL: refused in free text too, which
 * keeps only TAB, LF and CR); per field the OpenAPI document declares {@code format: date} or
 * {@code date-time} (present in the baseline or not), each of {@link #EXTREME_DATES}. Raw bodies
 * (documents, CSV): empty, invalid UTF-8, injection text instead of the document, oversized, wrong
 * media type. Every entry: each path parameter replaced by the injection strings, and its value
 * with a control character (the problem must name the parameter).
 * <p>
 * Read endpoints (GET, from the OpenAPI document, no entry needed): each query parameter gets a
 * control character, a non-number where the document says integer, a non-UUID where it says
 * {@code format: uuid}, a word where it says boolean and the extreme dates where it says
 * {@code format: date}; each answer must be a 400 problem naming the parameter. Path parameters are
 * filled from their schema (a random UUID, 2020, "sweep") or from {@link #pathValue}: a query
 * parameter is read before the resource looks anything up.
 */
public final class BadInputSweep {

    static final String SQL_INJECTION = "'; DROP TABLE outbox_event; -- ' OR '1'='1";
    static final String SCRIPT_INJECTION = "<script>alert('督办')</script>";
    static final String UNKNOWN_FIELD = "unexpectedField";
    static final int LONG_STRING = 100_000;
    /** Control characters sent inside strings and parameters (TAB, LF and CR are allowed). */
    static final List<String> CONTROL_CHARACTERS = List.of("\u0000", "\u001b", "\u007f");
    /** Dates outside 2000-01-01..2100-12-31, near and far, and the ends of what Java can read. */
    static final List<String> EXTREME_DATES = List.of("0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31",
            "+999999999-12-31", "-999999999-01-01");
    /** As date-times. */
    static final List<String> EXTREME_DATE_TIMES = List.of("0001-01-01T00:00:00Z", "1999-12-31T23:59:59+08:00",
            "2101-01-01T00:00:00+08:00", "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z");

    private final DatabaseFingerprint fingerprint;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final ServiceUnderTest service = new ServiceUnderTest();

    private BadInputSweep(DatabaseFingerprint fingerprint) {
        this.fingerprint = fingerprint;
    }

    public static BadInputSweep on(DataSource dataSource) {
        return new BadInputSweep(new DatabaseFingerprint(dataSource));
    }

    public static BadInputSweep on(DatabaseFingerprint fingerprint) {
        return new BadInputSweep(fingerprint);
    }

    /** An endpoint taking a JSON body. */
    public Endpoint json(String method, String openApiPath) {
        return add(new Endpoint(Kind.JSON, method, openApiPath));
    }

    /** An endpoint taking a document or another non-JSON body. */
    public Endpoint raw(String method, String openApiPath) {
        return add(new Endpoint(Kind.RAW, method, openApiPath));
    }

    /** A write endpoint without a body (its path parameters are still swept). */
    public Endpoint noBody(String method, String openApiPath) {
        return add(new Endpoint(Kind.NONE, method, openApiPath));
    }

    /**
     * The value of path parameter {@code name} in the read endpoints' query sweep, where the one
     * derived from its schema would not reach the resource (e.g. a path pattern).
     */
    public BadInputSweep pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** Leaves a write endpoint out, with the reason (reported; use sparingly). */
    public BadInputSweep skip(String method, String openApiPath, String reason) {
        skipped.put(method.toUpperCase() + " " + openApiPath, reason);
        return this;
    }

    private Endpoint add(Endpoint e) {
        endpoints.add(e);
        return e;
    }

    enum Kind { JSON, RAW, NONE }

    public final class Endpoint extends RequestTemplate<Endpoint> {
        final Kind kind;
        final Set<String> freeText = new HashSet<>();
        final Set<Integer> expected = new HashSet<>();
        boolean emptyAllowed;

        Endpoint(Kind kind, String method, String path) {
            super(method, path);
            this.kind = kind;
        }

        @Override
        Endpoint self() {
            return this;
        }

        /** The valid JSON body. */
        public Endpoint body(String json) {
            this.contentType = "application/json";
            this.body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Fields whose value is free text written by people (titles, comments, reasons): injection
         * strings are legitimate there. Name a field by its name (anywhere) or its path ("tasks[].title").
         */
        public Endpoint freeText(String... fields) {
            freeText.addAll(List.of(fields));
            return this;
        }

        /**
         * The body is optional here (e.g. a note on an action): an empty body is valid, so it is not
         * sent as a bad request; every other mutation of the given body still is.
         */
        public Endpoint emptyAllowed() {
            this.emptyAllowed = true;
            return this;
        }

        /** The baseline's status, when it is not simply any 2xx. */
        public Endpoint expect(int... statuses) {
            for (int s : statuses) {
                expected.add(s);
            }
            return this;
        }

        String name() {
            return operation();
        }
    }

    /** One bad request: what it is, and the field the problem must name (or null). */
    private record Bad(String what, String contentType, byte[] body, Map<String, String> pathParams, String field) {
    }

    /** Runs the sweep; one assertion error lists every failure. Returns the number of bad requests sent. */
    public int run() {
        List<String> failures = new ArrayList<>();
        Set<String> writes = service.operations(true);
        Set<String> declared = new TreeSet<>(skipped.keySet());
        for (Endpoint e : endpoints) {
            declared.add(e.name());
            if (e.kind != Kind.NONE && e.body == null) {
                failures.add(e.name() + ": no valid baseline body given");
            }
        }
        for (String w : writes) {
            if (!declared.contains(w)) {
                failures.add(w + ": write endpoint without an entry in the bad-input sweep");
            }
        }
        for (String d : declared) {
            if (!writes.contains(d)) {
                failures.add(d + ": entry for a write endpoint the OpenAPI document does not have");
            }
        }
        long limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size",
                io.quarkus.runtime.configuration.MemorySize.class).map(m -> m.asLongValue()).orElse(10L * 1024 * 1024);
        int sent = 0;
        for (Endpoint e : endpoints) {
            if (e.kind != Kind.NONE && e.body == null) {
                continue;
            }
            List<Bad> bads;
            try {
                bads = badRequests(e, limit);
            } catch (RuntimeException ex) {
                failures.add(e.name() + ": cannot derive bad requests: " + ex);
                continue;
            }
            Map<String, String> before = fingerprint.take();
            for (Bad b : bads) {
                ServiceUnderTest.Answer a = send(e, b.pathParams(), b.contentType(), b.body());
                sent++;
                String verdict = judge(b, a);
                if (verdict != null) {
                    failures.add(e.name() + " with " + b.what() + ": " + verdict);
                }
            }
            Set<String> changed = DatabaseFingerprint.changed(before, fingerprint.take());
            if (!changed.isEmpty()) {
                failures.add(e.name() + ": bad requests changed tables " + changed);
            }
            ServiceUnderTest.Answer ok = send(e, e.pathParams, e.contentType, e.body);
            boolean good = e.expected.isEmpty() ? ok.status() / 100 == 2 : e.expected.contains(ok.status());
            if (!good) {
                failures.add(e.name() + ": the valid baseline was refused (" + ok.status() + " "
                        + AuthorizationMatrix.abbreviate(ok.body()) + "), so the bad requests prove nothing");
            }
        }
        int reads = sweepReads(failures);
        sent += reads;
        System.out.printf("bad-input sweep: %d endpoints, %d skipped, %d bad requests (%d to read endpoints), %d failures%n",
                endpoints.size(), skipped.size(), sent, reads, failures.size());
        skipped.forEach((k, v) -> System.out.println("  skipped " + k + ": " + v));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " bad-input failure(s):\n  " + String.join("\n  ", failures));
        }
        return sent;
    }

    /** Bad query parameters to every read endpoint; returns the number of requests sent. */
    private int sweepReads(List<String> failures) {
        int sent = 0;
        for (String op : service.operations(false)) {
            if (!op.startsWith("GET ")) {
                continue;
            }
            String path = op.substring(4);
            JsonNode operation = service.operation("GET", path);
            Map<String, String> pathParams = new LinkedHashMap<>();
            Map<String, JsonNode> queryParams = new LinkedHashMap<>();
            for (JsonNode param : operation.path("parameters")) {
                JsonNode p = service.resolve(param);
                JsonNode schema = service.resolve(p.path("schema"));
                String name = p.path("name").asText();
                if ("path".equals(p.path("in").asText())) {
                    pathParams.put(name, pathValues.getOrDefault(name, sample(schema)));
                } else if ("query".equals(p.path("in").asText())) {
                    queryParams.put(name, schema);
                }
            }
            for (Map.Entry<String, JsonNode> q : queryParams.entrySet()) {
                String name = q.getKey();
                for (String value : badQueryValues(q.getValue())) {
                    Map<String, String> query = new LinkedHashMap<>();
                    query.put(name, value);
                    Map<String, String> h = new LinkedHashMap<>();
                    h.put("Authorization", "Bearer " + TestKeys.token("supervisor"));
                    h.put("Accept", "application/json, application/problem+json, */*;q=0.1");
                    ServiceUnderTest.Answer a = service.send("GET", ServiceUnderTest.url(path, pathParams, query), h, null, null);
                    sent++;
                    String verdict = a.status() != 400
                            ? "expected 400, got " + a.status() + " " + AuthorizationMatrix.abbreviate(a.body())
                            : judge(new Bad(name, null, null, pathParams, name), a);
                    if (verdict != null) {
                        failures.add(op + " with query parameter " + name + "=" + printable(value) + ": " + verdict);
                    }
                }
            }
        }
        return sent;
    }

    /** The bad values for a query parameter of this schema. */
    private static List<String> badQueryValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        for (String c : CONTROL_CHARACTERS) {
            values.add("sweep" + c);
        }
        String type = schema == null ? "" : schema.path("type").asText();
        String format = schema == null ? "" : schema.path("format").asText();
        if (type.equals("integer") || type.equals("number")) {
            values.add("abc");
            values.add("1e3");
        } else if (type.equals("boolean")) {
            values.add("maybe");
        } else if (format.equals("uuid")) {
            values.add("not-a-uuid");
        } else if (format.equals("date")) {
            values.addAll(EXTREME_DATES);
            values.add("2020-13-01");
        } else if (format.equals("date-time")) {
            values.addAll(EXTREME_DATE_TIMES);
        }
        return values;
    }

    /** A value of a path parameter of this schema that the resource can be reached with. */
    private static String sample(JsonNode schema) {
        String type = schema == null ? "" : schema.path("type").asText();
        String format = schema == null ? "" : schema.path("format").asText();
        if (format.equals("uuid")) {
            return java.util.UUID.randomUUID().toString();
        }
        if (format.equals("date")) {
            return "2020-01-01";
        }
        if (type.equals("integer")) {
            return "2020";
        }
        return "sweep";
    }

    /** A value as a reader of the report can see it (control characters as \\uXXXX). */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    private ServiceUnderTest.Answer send(Endpoint e, Map<String, String> pathParams, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(e.headers);
        h.put("Authorization", "Bearer " + TestKeys.token("supervisor"));
        h.putIfAbsent("Accept", "application/json, application/problem+json, */*;q=0.1");
        return service.send(e.method, ServiceUnderTest.url(e.path, pathParams, e.query), h, contentType, body);
    }

    private static String judge(Bad b, ServiceUnderTest.Answer a) {
        if (a.status() < 400 || a.status() >= 500) {
            return "expected a 4xx, got " + a.status() + " " + AuthorizationMatrix.abbreviate(a.body());
        }
        if (!a.problem()) {
            return "expected application/problem+json, got " + a.contentType() + " " + AuthorizationMatrix.abbreviate(a.body());
        }
        if (a.body().length() > 8 * 1024) {
            return "the problem is " + a.body().length() + " characters long: it echoes the input instead of naming it: "
                    + AuthorizationMatrix.abbreviate(a.body());
        }
        JsonNode p = a.json();
        if (!p.path("type").asText().startsWith("urn:duban:problem:") || p.path("status").asInt() != a.status()) {
            return "the problem lacks a Duban type or the right status: " + AuthorizationMatrix.abbreviate(a.body());
        }
        if (b.field() != null) {
            String leaf = leaf(b.field());
            boolean named = p.path("detail").asText().contains(leaf);
            for (JsonNode err : p.path("errors")) {
                named |= err.path("field").asText().contains(leaf);
            }
            if (!named) {
                return "the problem does not name the field '" + b.field() + "': " + AuthorizationMatrix.abbreviate(a.body());
            }
        }
        return null;
    }

    /** "tasks[0].unitCodes[0]" → "unitCodes". */
    static String leaf(String field) {
        String f = field.replaceAll("\\[\\d*]", "");
        int dot = f.lastIndexOf('.');
        return dot < 0 ? f : f.substring(dot + 1);
    }

    private List<Bad> badRequests(Endpoint e, long limit) {
        List<Bad> bads = new ArrayList<>();
        String ct = e.contentType;
        for (String param : e.pathParams.keySet()) {
            for (String inj : List.of(SQL_INJECTION, SCRIPT_INJECTION)) {
                Map<String, String> pp = new LinkedHashMap<>(e.pathParams);
                pp.put(param, inj);
                bads.add(new Bad("injection in path parameter {" + param + "}: " + inj, ct, e.body, pp, null));
            }
            for (String c : CONTROL_CHARACTERS) {
                Map<String, String> pp = new LinkedHashMap<>(e.pathParams);
                pp.put(param, e.pathParams.get(param) + c);
                bads.add(new Bad("a control character " + printable(c) + " in path parameter {" + param + "}", ct, e.body, pp, param));
            }
        }
        if (e.kind == Kind.NONE) {
            return bads;
        }
        Map<String, String> pp = e.pathParams;
        if (!e.emptyAllowed) {
            bads.add(new Bad("an empty body", ct, new byte[0], pp, null));
        }
        bads.add(new Bad("invalid UTF-8", ct, invalidUtf8(e), pp, null));
        bads.add(new Bad("a body 1 KB over the limit (" + limit + " bytes)", ct, oversized(e, limit), pp, null));
        bads.add(new Bad("the wrong media type", e.kind == Kind.JSON ? "text/plain" : "application/xml", e.body, pp, null));
        if (e.kind == Kind.RAW) {
            bads.add(new Bad("injection text instead of the document", ct,
                    (SQL_INJECTION + "\n" + SCRIPT_INJECTION).getBytes(StandardCharsets.UTF_8), pp, null));
            return bads;
        }
        String text = new String(e.body, StandardCharsets.UTF_8);
        JsonNode valid = parse(text);
        bads.add(new Bad("truncated JSON", ct, text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8), pp, null));
        bads.add(new Bad("text that is not JSON", ct, "not json {".getBytes(StandardCharsets.UTF_8), pp, null));
        bads.add(new Bad("JSON null", ct, bytes("null"), pp, null));
        if (valid.isObject()) {
            bads.add(new Bad("an array instead of an object", ct, bytes("[]"), pp, null));
            bads.add(new Bad("a string instead of an object", ct, bytes("\"督办\""), pp, null));
            bads.add(new Bad("a number instead of an object", ct, bytes("42"), pp, null));
            ObjectNode unknown = ((ObjectNode) valid).deepCopy();
            unknown.put(UNKNOWN_FIELD, 1);
            bads.add(new Bad("an unknown field", ct, bytes(unknown.toString()), pp, UNKNOWN_FIELD));
            if (!valid.isEmpty()) {
                // the first field again, with its own value: which of the two did the client mean?
                String first = valid.fieldNames().next();
                String twice = "{" + ServiceUnderTest.JSON.getNodeFactory().textNode(first) + ":" + valid.get(first) + ","
                        + valid.toString().substring(1);
                bads.add(new Bad("field " + first + " given twice", ct, bytes(twice), pp, first));
            }
        }
        JsonNode schema = requestSchema(e);
        fieldMutations(e, valid, valid, "", schema, bads, 0);
        return bads;
    }

    private JsonNode requestSchema(Endpoint e) {
        JsonNode content = service.operation(e.method, e.path).path("requestBody").path("content");
        JsonNode schema = content.path("application/json").path("schema");
        return schema.isMissingNode() ? null : service.resolve(schema);
    }

    /** Mutations of every field of {@code node} (a part of {@code root} at {@code prefix}). */
    private void fieldMutations(Endpoint e, JsonNode root, JsonNode node, String prefix, JsonNode schema,
                                List<Bad> bads, int depth) {
        if (!node.isObject() || depth > 3) {
            return;
        }
        Set<String> required = new HashSet<>();
        if (schema != null) {
            schema.path("required").forEach(r -> required.add(r.asText()));
        }
        Iterator<String> names = node.fieldNames();
        List<String> fields = new ArrayList<>();
        names.forEachRemaining(fields::add);
        for (String f : fields) {
            String path = prefix.isEmpty() ? f : prefix + "." + f;
            JsonNode value = node.get(f);
            JsonNode fieldSchema = schema == null ? null : service.resolve(schema.path("properties").path(f));
            if (required.contains(f)) {
                bads.add(mutated(e, root, path, null, "field " + path + " left out"));
            }
            if (fieldSchema != null) {
                dateMutations(e, root, path, fieldSchema, bads);
            }
            if (value.isTextual()) {
                textMutations(e, root, path, value.asText(), bads);
            } else if (value.isNumber()) {
                bads.add(mutated(e, root, path, JsonNodeFactory.instance.textNode("not-a-number"), "text in number field " + path));
            } else if (value.isBoolean()) {
                bads.add(mutated(e, root, path, JsonNodeFactory.instance.textNode("not-a-boolean"), "text in boolean field " + path));
            } else if (value.isArray()) {
                bads.add(mutated(e, root, path, JsonNodeFactory.instance.objectNode().put("x", 1), "an object in array field " + path));
                if (!value.isEmpty()) {
                    JsonNode first = value.get(0);
                    JsonNode items = fieldSchema == null ? null : service.resolve(fieldSchema.path("items"));
                    if (first.isTextual()) {
                        textMutations(e, root, path + "[0]", first.asText(), bads);
                    } else if (first.isObject()) {
                        fieldMutations(e, root, first, path + "[0]", items, bads, depth + 1);
                    }
                }
            } else if (value.isObject()) {
                bads.add(mutated(e, root, path, JsonNodeFactory.instance.numberNode(42), "a number in object field " + path));
                fieldMutations(e, root, value, path, fieldSchema, bads, depth + 1);
            }
        }
        // date fields the baseline leaves out are sent too
        if (schema != null) {
            Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> prop = props.next();
                if (!node.has(prop.getKey())) {
                    dateMutations(e, root, prefix.isEmpty() ? prop.getKey() : prefix + "." + prop.getKey(),
                            service.resolve(prop.getValue()), bads);
                }
            }
        }
    }

    /** The extreme dates in a field the document declares {@code format: date} or {@code date-time}. */
    private void dateMutations(Endpoint e, JsonNode root, String path, JsonNode fieldSchema, List<Bad> bads) {
        String format = fieldSchema.path("format").asText();
        List<String> values = format.equals("date") ? EXTREME_DATES : format.equals("date-time") ? EXTREME_DATE_TIMES : List.of();
        for (String d : values) {
            bads.add(mutated(e, root, path, JsonNodeFactory.instance.textNode(d), "the date " + d + " in " + path));
        }
    }

    private void textMutations(Endpoint e, JsonNode root, String path, String valid, List<Bad> bads) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        for (String c : CONTROL_CHARACTERS) {
            // free text too: newlines and tabs are text, these are not
            bads.add(mutated(e, root, path, n.textNode(valid + c), "a control character " + printable(c) + " in " + path));
        }
        bads.add(mutated(e, root, path, n.objectNode(), "an object in text field " + path));
        bads.add(mutated(e, root, path, n.textNode("长".repeat(LONG_STRING)), "a 100,000-character string in " + path));
        boolean free = e.freeText.contains(leaf(path)) || e.freeText.contains(path.replaceAll("\\[\\d*]", "[]"));
        if (!free) {
            bads.add(mutated(e, root, path, n.textNode(SQL_INJECTION), "SQL injection in " + path));
            bads.add(mutated(e, root, path, n.textNode(SCRIPT_INJECTION), "script injection in " + path));
        }
    }

    /** A copy of the body with the value at {@code path} replaced ({@code null}: removed). */
    private Bad mutated(Endpoint e, JsonNode root, String path, JsonNode replacement, String what) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.endsWith("[0]")) {
            ArrayNode arr = (ArrayNode) parent.get(last.substring(0, last.length() - 3));
            if (replacement == null) {
                arr.remove(0);
            } else {
                arr.set(0, replacement);
            }
        } else if (replacement == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, replacement);
        }
        return new Bad(what, e.contentType, bytes(copy.toString()), e.pathParams, path);
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.endsWith("[0]")) {
            return node.get(step.substring(0, step.length() - 3)).get(0);
        }
        return node.get(step);
    }

    /** The baseline with bytes that are not UTF-8 (0xC3 0x28) inside its first string, or at its start. */
    private static byte[] invalidUtf8(Endpoint e) {
        byte[] body = e.body;
        int at = -1;
        if (e.kind == Kind.JSON) {
            String s = new String(body, StandardCharsets.UTF_8);
            int colon = s.indexOf(":\"");
            if (colon >= 0) {
                at = s.substring(0, colon + 2).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (at < 0) {
            at = 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.write(0xC3);
        out.write(0x28);
        out.write(0xFF);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    /** The baseline padded to one kilobyte over the limit (whitespace for JSON: still valid JSON). */
    private static byte[] oversized(Endpoint e, long limit) {
        int size = (int) Math.min(Integer.MAX_VALUE - 16, limit + 1024);
        byte[] big = new byte[Math.max(size, e.body.length + 1024)];
        System.arraycopy(e.body, 0, big, 0, e.body.length);
        java.util.Arrays.fill(big, e.body.length, big.length, (byte) ' ');
        return big;
    }

    private static JsonNode parse(String json) {
        try {
            return ServiceUnderTest.JSON.readTree(json);
        } catch (IOException ex) {
            throw new UncheckedIOException("the baseline body is not JSON: " + json, ex);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
