package org.duban.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Writes the error contract into each service's OpenAPI document, the same way for every
 * operation: a {@code Problem} schema (RFC 9457) and, where they can happen, the 400 (bad body or
 * parameters), 401/403 (every endpoint outside {@code /api/v1/public}), 404 (paths with an id),
 * 413 and 415 (bodies) responses as {@code application/problem+json}; error responses an endpoint
 * declares itself (409, 412, 422…) keep their description and get the same content. Protected
 * endpoints also carry the {@code bearerJwt} security requirement.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String SCHEME = "bearerJwt";
    static final String PUBLIC_PREFIX = "/api/v1/public/";

    private static final Map<String, String> STANDARD = Map.of(
            "400", "Malformed JSON, a wrong type, an unknown field or invalid values (errors[] names each field)",
            "401", "No bearer token, or one that is expired, tampered with, from another issuer or signed by an unknown key",
            "403", "The token's role, or the units it acts for, do not allow this",
            "404", "No such resource",
            "413", "The body is larger than this service accepts",
            "415", "The body is not of a media type this endpoint reads");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                describe(path, e.getValue(), item);
            }
        });
    }

    private void describe(String path, Operation op, PathItem item) {
        boolean isPublic = path.startsWith(PUBLIC_PREFIX);
        boolean hasBody = op.getRequestBody() != null;
        boolean hasParams = (op.getParameters() != null && !op.getParameters().isEmpty())
                || (item.getParameters() != null && !item.getParameters().isEmpty());
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        if (hasBody || hasParams) {
            ensure(responses, "400");
        }
        if (!isPublic) {
            ensure(responses, "401");
            ensure(responses, "403");
            if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
                op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
            }
        }
        if (path.contains("{")) {
            ensure(responses, "404");
        }
        if (hasBody) {
            ensure(responses, "413");
            ensure(responses, "415");
        }
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null) {
                    response.setContent(problemContent());
                }
            });
        }
    }

    private static void ensure(APIResponses responses, String code) {
        APIResponse r = responses.getAPIResponse(code);
        if (r == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(STANDARD.get(code)));
        } else if (r.getDescription() == null || r.getDescription().isBlank()
                || r.getDescription().equals("Bad Request") || r.getDescription().equals("Not Authorized")
                || r.getDescription().equals("Not Allowed")) {
            // the framework's generic wording is replaced by what the error means here
            r.setDescription(STANDARD.get(code));
        }
    }

    private static Content problemContent() {
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM));
        return OASFactory.createContent().addMediaType("application/problem+json", media);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One offending field: its path in the body (or the parameter's name) and what is wrong")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("tasks[0].deadline")))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("cannot read \"2020年底\" as LocalDate")))
                .addProperty("rejectedValue", OASFactory.createSchema()
                        .description("The value sent (text cut at 200 characters), when it is simple"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details. Clients switch on `type` (stable URNs, catalogue in docs/api-guide.md); "
                        + "`title` and `detail` are for people.")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("urn:duban:problem:validation")))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).examples(List.of(400)))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("1 invalid field(s)")))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("/api/v1/assignments/5c0e8f6e-3f57-4a4e-9d0b-5b1f0d8e2a11/accept")))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
    }
}
