package org.duban.notification.webhook;

import org.duban.common.version.IfMatch;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.Idempotent;
import org.duban.common.security.Caller;
import org.duban.common.unit.UnitCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Webhook endpoints. Roles here, which endpoints a caller may see or change in {@link WebhookService}:
 * supervisor all; viewer reads all; a unit's operator/integration its own units' endpoints.
 * <p>
 * POST stays {@link Idempotent}: its stored first answer holds the signing secret, but the stored
 * answer is scoped by the token's subject and authority (only the same caller with the same units,
 * key and body gets it again, within the key's TTL), which is exactly who received the secret the
 * first time; it is never logged, and it is stored sealed with the secrets' key ({@link ReplaySealer}).
 */
@Path("/webhooks")
@Tag(name = "Webhooks", description = "OA系统对接: endpoints that receive signed notifications (Standard Webhooks)")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @POST
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint",
            description = "One unit's (unitCode: a unit the caller acts for) or global (no unitCode: supervisor only); "
                    + "the signing secret is in the answer only. A retry with the same Idempotency-Key returns the same "
                    + "answer, secret included, to the same caller only.")
    @APIResponse(responseCode = "201", description = "The endpoint and its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookApi.CreatedEndpoint.class)))
    @APIResponse(responseCode = "400", description = "Invalid URL, or a host that is not an allowed webhook target "
            + "(private, loopback, link-local or another special-purpose address not in the allow-list), invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The unit has as many endpoints as allowed (webhook-endpoint-limit, problem+json)")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    public Response create(@Valid @NotNull WebhookApi.NewEndpoint body) {
        WebhookApi.CreatedEndpoint created = webhooks.create(body);
        return Response.created(URI.create("/api/v1/webhooks/" + created.endpoint().id())).entity(created)
                .tag(etag(created.endpoint())).build();
    }

    @GET
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "List endpoints",
            description = "Secrets are never listed. A unit's operator or integration sees only its own units' endpoints; "
                    + "a unitCode that is not theirs is a 403.")
    @APIResponse(responseCode = "200", description = "The endpoints (optionally one unit's)")
    public WebhookApi.EndpointPage list(@QueryParam("unitCode") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String unitCode) {
        return new WebhookApi.EndpointPage(webhooks.list(unitCode), null);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "One endpoint", description = "The ETag is the version, for If-Match on a change.")
    @APIResponse(responseCode = "200", description = "The endpoint")
    @APIResponse(responseCode = "404", description = "No such endpoint (problem+json)")
    public RestResponse<WebhookApi.Endpoint> get(@PathParam("id") UUID id) {
        WebhookApi.Endpoint e = webhooks.get(id);
        return RestResponse.ResponseBuilder.ok(e).tag(etag(e)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an endpoint",
            description = "URL, event types, description, enabled (re-enable one disabled by 410), at the version read: "
                    + "If-Match (the ETag) or \"version\" in the body.")
    @APIResponse(responseCode = "200", description = "The endpoint")
    @APIResponse(responseCode = "400", description = "Invalid or refused URL, or an If-Match that is not a version (problem+json)")
    @APIResponse(responseCode = "404", description = "No such endpoint (problem+json)")
    @APIResponse(responseCode = "412", description = "The version given is stale: read the endpoint again (problem+json)")
    @APIResponse(responseCode = "428", description = "No version given (problem+json)")
    public RestResponse<WebhookApi.Endpoint> update(@PathParam("id") UUID id,
                                                    @Parameter(description = "The version read (the ETag), e.g. \"3\"")
                                                    @HeaderParam("If-Match") String ifMatch,
                                                    @Valid @NotNull WebhookApi.EndpointUpdate body) {
        WebhookApi.Endpoint e = webhooks.update(id, body, IfMatch.version(ifMatch, body.version()));
        return RestResponse.ResponseBuilder.ok(e).tag(etag(e)).build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "Rotate the signing secret",
            description = "A new secret (shown once); messages carry signatures with both secrets during the overlap.")
    @APIResponse(responseCode = "200", description = "The new secret")
    @APIResponse(responseCode = "404", description = "No such endpoint (problem+json)")
    public WebhookApi.RotatedSecret rotate(@PathParam("id") UUID id) {
        return webhooks.rotate(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "Remove an endpoint")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such endpoint (problem+json)")
    public void delete(@PathParam("id") UUID id) {
        webhooks.delete(id);
    }

    static EntityTag etag(WebhookApi.Endpoint e) {
        return new EntityTag(Long.toString(e.version()));
    }

}
