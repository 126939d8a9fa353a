package org.duban.task.plan;

import org.duban.common.version.IfMatch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Plans: the supervisor drafts and publishes; every role reads, but a unit-operator or an integration only published plans. */
@Path("/plans")
@Tag(name = "Plans", description = "Division-of-labour plans (分工方案): draft, then publish")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    @Inject
    PlanService plans;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft plan with its sections, work items and tasks",
            description = "Nothing is assigned until the plan is published.")
    @APIResponse(responseCode = "201", description = "Created (DRAFT); Location names the plan", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApi.PlanView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json; errors[].field is the JSON path)")
    @APIResponse(responseCode = "409", description = "The document number is taken")
    @APIResponse(responseCode = "422", description = "A unit code is unknown or retired (errors name each one)")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    @RolesAllowed(Caller.SUPERVISOR)
    public Response create(@Valid @NotNull PlanApi.CreatePlan request, @Context UriInfo uri) {
        PlanApi.PlanView p = plans.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(p.id().toString()).build()).entity(p).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a plan with its sections, work items, tasks and assignments",
            description = "A draft is the supervisor's and the viewer's only (403 for a unit-operator or an integration). "
                    + "A unit-operator or an integration sees every unit's assignment with its unit, role, state, deadline and "
                    + "light, and all of its own units' (progress, extension request); the others are redacted "
                    + "(progressPercent, latestProgress, pendingExtension null; redacted true).")
    @APIResponse(responseCode = "404", description = "No such plan (problem+json)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The plan")
    public PlanApi.PlanView get(@PathParam("id") UUID id) {
        return plans.read(id);
    }

    @GET
    @Operation(summary = "List plans", description = "Newest first, without their tasks; cursor pagination. "
            + "A unit-operator or an integration sees published plans only.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public PlanApi.PlanPage list(@QueryParam("cursor") UUID cursor,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return plans.list(cursor, limit);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish a draft plan",
            description = "In one transaction: one assignment per named unit (lead first), one task.assigned event each, "
                    + "and plan.published. Tasks addressed to open groups wait for claims or designations.")
    @APIResponse(responseCode = "200", description = "Published; the body is the plan with its assignments")
    @APIResponse(responseCode = "409", description = "Already published (illegal-transition)")
    @APIResponse(responseCode = "412", description = "If-Match names another version (precondition-failed)")
    @APIResponse(responseCode = "422", description = "A unit retired since the draft was made")
    @RolesAllowed(Caller.SUPERVISOR)
    public PlanApi.PlanView publish(@PathParam("id") UUID id,
                                    @Parameter(description = "Optional: the plan version the caller saw", example = "0")
                                    @HeaderParam("If-Match") String ifMatch) {
        return plans.publish(id, IfMatch.version(ifMatch));
    }

}
