package org.duban.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every operation of a Duban OpenAPI document must say (issue 7): a summary and a tag; its
 * request body's schema; its success response, with a schema when that is JSON; the bearerJwt
 * security requirement with 401 and 403 answers, except under {@code /api/v1/public}; every error
 * answer as application/problem+json. {@link OpenApiSnapshot#check} applies it before comparing.
 */
public final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiContract() {
    }

    /** The operations that break the contract, each with what is missing; empty when all is well. */
    public static List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> o = ops.next();
                if (METHODS.contains(o.getKey())) {
                    check(o.getKey().toUpperCase() + " " + p.getKey(), p.getKey(), o.getValue(), out);
                }
            }
        }
        return out;
    }

    private static void check(String name, String path, JsonNode op, List<String> out) {
        if (op.path("summary").asText("").isBlank() && op.path("description").asText("").isBlank()) {
            out.add(name + ": no summary or description");
        }
        if (op.path("tags").isEmpty()) {
            out.add(name + ": no tag");
        }
        for (Iterator<Map.Entry<String, JsonNode>> c = op.path("requestBody").path("content").fields(); c.hasNext(); ) {
            Map.Entry<String, JsonNode> media = c.next();
            if (media.getKey().contains("json") && emptySchema(media.getValue().path("schema"))) {
                out.add(name + ": request body " + media.getKey() + " without a schema");
            }
        }
        boolean success = false;
        JsonNode responses = op.path("responses");
        for (Iterator<Map.Entry<String, JsonNode>> r = responses.fields(); r.hasNext(); ) {
            Map.Entry<String, JsonNode> resp = r.next();
            String code = resp.getKey();
            if (code.startsWith("2") || code.equals("304")) {
                success = true;
                if ((code.equals("200") || code.equals("201")) && resp.getValue().path("content").isEmpty()) {
                    out.add(name + ": success response " + code + " without content");
                }
                for (Iterator<Map.Entry<String, JsonNode>> c = resp.getValue().path("content").fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> media = c.next();
                    if (media.getKey().contains("json") && emptySchema(media.getValue().path("schema"))) {
                        out.add(name + ": success response " + code + " (" + media.getKey() + ") without a schema");
                    }
                }
            } else if (code.startsWith("4") || code.startsWith("5")) {
                if (!resp.getValue().path("content").has("application/problem+json")) {
                    out.add(name + ": error response " + code + " is not application/problem+json");
                }
            }
        }
        if (!success) {
            out.add(name + ": no success response");
        }
        boolean isPublic = path.startsWith("/api/v1/public/");
        boolean secured = false;
        for (JsonNode req : op.path("security")) {
            secured |= req.has("bearerJwt");
        }
        if (isPublic && secured) {
            out.add(name + ": a public endpoint with a security requirement");
        }
        if (!isPublic && (!secured || !responses.has("401") || !responses.has("403"))) {
            out.add(name + ": no bearerJwt requirement with 401 and 403 responses");
        }
    }

    private static boolean emptySchema(JsonNode schema) {
        return schema.isMissingNode() || (schema.isObject() && schema.isEmpty());
    }
}
