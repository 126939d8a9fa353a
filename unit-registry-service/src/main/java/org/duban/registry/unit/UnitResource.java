package org.duban.registry.unit;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.duban.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/units")
@Tag(name = "Units", description = "市直单位, 区政府, 管委会")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitResource {

    @Inject
    UnitService units;

    @POST
    @Operation(summary = "Create a unit", description = "Stores the unit and publishes its snapshot on duban.units.")
    @APIResponse(responseCode = "201", description = "Created; Location names the unit")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "409", description = "The code or name is taken (problem+json)")
    public Response create(@Valid @NotNull UnitApi.CreateUnit request, @jakarta.ws.rs.core.Context UriInfo uri) {
        Unit u = units.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(u.code).build()).entity(UnitApi.UnitView.of(u)).build();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Read a unit")
    @APIResponse(responseCode = "404", description = "No such unit (problem+json)")
    public UnitApi.UnitView get(@PathParam("code") String code) {
        return units.find(code).map(UnitApi.UnitView::of)
                .orElseThrow(() -> ProblemException.notFound("No unit with code '" + code + "'"));
    }

    @GET
    @Operation(summary = "List units", description = "Ordered by code; cursor pagination.")
    public UnitApi.UnitPage list(@QueryParam("cursor") String cursor,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        List<Unit> page = units.list(cursor, limit + 1);
        boolean more = page.size() > limit;
        List<UnitApi.UnitView> items = page.stream().limit(limit).map(UnitApi.UnitView::of).toList();
        return new UnitApi.UnitPage(items, more ? items.get(items.size() - 1).code() : null);
    }
}
