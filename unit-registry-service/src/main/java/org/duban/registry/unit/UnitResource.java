package org.duban.registry.unit;

import org.duban.common.version.IfMatch;
import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Every role reads units; only the supervising office writes them. */
@Path("/units")
@Tag(name = "Units", description = "市直单位, 区政府, 管委会")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
public class UnitResource {

    @Inject
    UnitService units;

    @POST
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Create a unit", description = "Stores the unit and publishes its snapshot on duban.units.")
    @APIResponse(responseCode = "201", description = "Created; Location names the unit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitApi.UnitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The code, or a name or alias, is taken (problem+json naming the clash)")
    @APIResponse(responseCode = "422", description = "Unknown type or tag (with the allowed values), unknown parent, parent cycle")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    public Response create(@Valid @NotNull UnitApi.CreateUnit request, @Context UriInfo uri) {
        Unit u = units.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(u.code).build()).entity(UnitApi.UnitView.of(u))
                .tag(etag(u)).build();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Read a unit", description = "The ETag is the version, for If-Match on updates.")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitApi.UnitView.class)))
    @APIResponse(responseCode = "404", description = "No such unit (problem+json)")
    public Response get(@PathParam("code") String code) {
        Unit u = units.find(code).orElseThrow(() -> ProblemException.notFound("No unit with code '" + code + "'"));
        return Response.ok(UnitApi.UnitView.of(u)).tag(etag(u)).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Update a unit", description = "Replaces the unit's state if the version given (If-Match or "
            + "\"version\") is current; publishes the new snapshot.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitApi.UnitView.class)))
    @APIResponse(responseCode = "404", description = "No such unit")
    @APIResponse(responseCode = "409", description = "A name or alias is taken")
    @APIResponse(responseCode = "412", description = "Stale version: read the unit again")
    @APIResponse(responseCode = "422", description = "Unknown type, tag or parent; parent cycle")
    @APIResponse(responseCode = "428", description = "No version given")
    public Response update(@PathParam("code") String code,
                           @Parameter(description = "The version read, e.g. \"3\"") @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UnitApi.UpdateUnit request) {
        Unit u = units.update(code, request, IfMatch.version(ifMatch, request.version()));
        return Response.ok(UnitApi.UnitView.of(u)).tag(etag(u)).build();
    }

    @POST
    @Path("/{code}/deactivation")
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Deactivate a unit", description = "Retires the unit (active=false, validTo) and links its "
            + "successors; it is never deleted, since tasks refer to it. Publishes the snapshots. The body is required; "
            + "{} retires it today, keeping its successors.")
    @APIResponse(responseCode = "200", description = "Deactivated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UnitApi.UnitView.class)))
    @APIResponse(responseCode = "404", description = "No such unit")
    @APIResponse(responseCode = "412", description = "Stale version")
    @APIResponse(responseCode = "428", description = "No version given")
    public Response deactivate(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                               @QueryParam("version") Long version, @Valid @NotNull UnitApi.Deactivation request) {
        Unit u = units.deactivate(code, request, IfMatch.version(ifMatch, version));
        return Response.ok(UnitApi.UnitView.of(u)).tag(etag(u)).build();
    }

    @GET
    @Operation(summary = "List units", description = "Ordered by code; cursor pagination; filters combine.")
    @APIResponse(responseCode = "200", description = "A page of units")
    public UnitApi.UnitPage list(
            @Parameter(description = "MUNICIPAL_DEPARTMENT, DIRECT_AGENCY, DISTRICT, ZONE_COMMITTEE, PUBLIC_ENTERPRISE, OTHER")
            @QueryParam("type") String type,
            @Parameter(description = "A tag code", example = "openness-office") @QueryParam("tag") String tag,
            @Parameter(description = "Parent unit code", example = "szf") @QueryParam("parent") String parent,
            @QueryParam("active") Boolean active,
            @Parameter(description = "Text in the full name, short name or an alias", example = "司法") @QueryParam("q") String q,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        UnitType t = type == null || type.isBlank() ? null : UnitType.parse(type).orElseThrow(() ->
                new ProblemException(ProblemType.VALIDATION, "Unknown unit type '" + type + "'",
                        List.of(Problem.FieldError.of("type", "allowed: " + String.join(", ", UnitType.allowed())))));
        List<Unit> page = units.list(new UnitService.Filter(t, tag, parent, active, q), cursor, limit + 1);
        boolean more = page.size() > limit;
        List<UnitApi.UnitView> items = page.stream().limit(limit).map(UnitApi.UnitView::of).toList();
        return new UnitApi.UnitPage(items, more ? items.get(items.size() - 1).code() : null);
    }

    static EntityTag etag(Unit u) {
        return new EntityTag(Long.toString(u.version));
    }

}
