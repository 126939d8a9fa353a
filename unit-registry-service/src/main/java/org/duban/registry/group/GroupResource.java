package org.duban.registry.group;

import org.duban.common.version.IfMatch;
import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.duban.registry.unit.UnitResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Every role reads groups; only the supervising office writes them. */
@Path("/groups")
@Tag(name = "Groups", description = "市直各单位, 各区政府（管委会）, 市直有关单位 …")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
public class GroupResource {

    @Inject
    GroupService groups;

    @POST
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Create a group", description = "Publishes its snapshot on duban.unit-groups.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupApi.GroupView.class)))
    @APIResponse(responseCode = "409", description = "The code, name or an alias is taken")
    @APIResponse(responseCode = "422", description = "Unknown kind, type, tag, parent or member")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    public Response create(@Valid @NotNull GroupApi.GroupRequest request, @Context UriInfo uri) {
        if (request.code() == null) {
            throw new ProblemException(ProblemType.VALIDATION, "1 invalid field(s)",
                    List.of(Problem.FieldError.of("code", "must not be null")));
        }
        UnitGroup g = groups.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(g.code).build()).entity(GroupApi.GroupView.of(g))
                .tag(new EntityTag(Long.toString(g.version))).build();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Read a group with its members now")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupApi.GroupView.class)))
    @APIResponse(responseCode = "404", description = "No such group")
    public Response get(@PathParam("code") String code) {
        UnitGroup g = groups.find(code).orElseThrow(() -> ProblemException.notFound("No group with code '" + code + "'"));
        return Response.ok(GroupApi.GroupView.of(g)).tag(new EntityTag(Long.toString(g.version))).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Update a group", description = "Optimistic: If-Match or \"version\" must be current.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupApi.GroupView.class)))
    @APIResponse(responseCode = "412", description = "Stale version")
    @APIResponse(responseCode = "428", description = "No version given")
    public Response update(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull GroupApi.GroupRequest request) {
        UnitGroup g = groups.update(code, request, IfMatch.version(ifMatch, request.version()));
        return Response.ok(GroupApi.GroupView.of(g)).tag(new EntityTag(Long.toString(g.version))).build();
    }

    @GET
    @Operation(summary = "List groups", description = "Ordered by code; cursor pagination.")
    @APIResponse(responseCode = "200", description = "A page of groups")
    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupApi.GroupPage list(@QueryParam("cursor") String cursor,
                                   @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        List<UnitGroup> page = groups.list(cursor, limit + 1);
        boolean more = page.size() > limit;
        List<GroupApi.GroupView> items = page.stream().limit(limit).map(GroupApi.GroupView::of).toList();
        return new GroupApi.GroupPage(items, more ? items.get(items.size() - 1).code() : null);
    }
}
