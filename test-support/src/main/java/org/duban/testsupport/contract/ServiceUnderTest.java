package org.duban.testsupport.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service a {@code @QuarkusTest} runs (found where Quarkus pointed REST Assured), spoken to
 * with the JDK's HTTP client so that raw bytes (invalid UTF-8) can be sent and a streaming
 * answer (server-sent events) is judged by its status line without waiting for its end.
 */
final class ServiceUnderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base = RestAssured.baseURI + ":" + RestAssured.port;
    private JsonNode openApi;

    /** The service's OpenAPI document (/q/openapi). */
    JsonNode openApi() {
        if (openApi == null) {
            Answer a = send("GET", "/q/openapi?format=json", Map.of("Accept", "application/json"), null, null);
            try {
                openApi = JSON.readTree(a.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return openApi;
    }

    /** Every operation of the OpenAPI document as "METHOD /path" (its path template as written there). */
    Set<String> operations(boolean writesOnly) {
        Set<String> ops = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi().path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m) && (!writesOnly || !m.equals("get"))) {
                    ops.add(m.toUpperCase() + " " + p.getKey());
                }
            });
        }
        return ops;
    }

    JsonNode operation(String method, String path) {
        return openApi().path("paths").path(path).path(method.toLowerCase());
    }

    /** A component schema, following {@code $ref} and single-element {@code allOf}. */
    JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema != null; i++) {
            if (schema.has("$ref")) {
                String ref = schema.get("$ref").asText();
                schema = openApi().at(ref.substring(1));
            } else if (schema.has("allOf") && schema.get("allOf").size() == 1) {
                schema = schema.get("allOf").get(0);
            } else {
                return schema;
            }
        }
        return schema;
    }

    /** The template with its {name} parameters filled in (URL-encoded) and the query appended. */
    static String url(String template, Map<String, String> pathParams, Map<String, String> query) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = pathParams.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(template + ": no value for path parameter {" + m.group(1) + "}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(sb);
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            sb.append(q);
        }
        return sb.toString();
    }

    record Answer(int status, String contentType, String body, Map<String, String> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    /**
     * Sends a request. An answer of type text/event-stream is not read (only its status and
     * headers): the stream would not end. Other bodies are read up to 64 KB.
     */
    Answer send(String method, String pathAndQuery, Map<String, String> headers, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse(null);
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            String text;
            try (InputStream in = r.body()) {
                text = type != null && type.startsWith("text/event-stream")
                        ? ""
                        : new String(in.readNBytes(2 * 1024 * 1024), StandardCharsets.UTF_8);
            }
            return new Answer(r.statusCode(), type, text, h);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
