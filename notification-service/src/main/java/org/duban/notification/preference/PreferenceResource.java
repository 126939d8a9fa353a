package org.duban.notification.preference;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.duban.common.unit.UnitCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A unit's preferences: read by supervisor, viewer and the unit's own; replaced by supervisor and the unit's own. */
@Path("/units/{code}/notification-preferences")
@Tag(name = "Notification preferences", description = "通知偏好: which event types a unit wants on which channel, immediately or in the daily digest")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PreferenceResource {

    @Inject
    PreferenceService preferences;

    @Inject
    Access access;

    @GET
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "A unit's preferences", description = "Channels without a row are IMMEDIATE. The ETag is the "
            + "set's version: send it as If-Match when replacing it.")
    @APIResponse(responseCode = "200", description = "The unit's preferences (empty: everything immediate)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreferenceApi.Preferences.class)))
    public Response get(@PathParam("code") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String code) {
        access.requireRead(code, "The notification preferences of unit '" + code + "'");
        return withETag(preferences.list(code));
    }

    @PUT
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "Replace a unit's preferences", description = "With If-Match (the ETag read), a set that "
            + "changed since is a 412 and stays as it is; without it the set is replaced as sent.")
    @APIResponse(responseCode = "200", description = "The preferences now in force; ETag is their new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreferenceApi.Preferences.class)))
    @APIResponse(responseCode = "400", description = "An invalid channel or mode (problem+json); nothing changed")
    @APIResponse(responseCode = "412", description = "The preferences changed since the version given (If-Match); nothing changed")
    public Response put(@PathParam("code") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String code,
                        @Parameter(description = "The ETag read, e.g. \"5f0c…\"") @HeaderParam("If-Match") String ifMatch,
                        @Valid @NotNull PreferenceApi.Preferences body) {
        access.requireActFor(code, "The notification preferences of unit '" + code + "'");
        return withETag(preferences.replace(code, body.items(), ifMatch));
    }

    private static Response withETag(java.util.List<PreferenceApi.PreferenceItem> items) {
        return Response.ok(new PreferenceApi.Preferences(items)).tag(new EntityTag(PreferenceService.etag(items))).build();
    }
}
