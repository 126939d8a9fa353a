package org.duban.task.task;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.duban.common.security.Caller;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Tasks. Creating and designating are the supervisor's; a unit-operator or an integration reads the
 * tasks its units have an assignment of (the list is narrowed to them, other tasks are a 403) and
 * claims only for its own units.
 */
@Path("/tasks")
@Tag(name = "Tasks", description = "Tasks and their per-unit assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskService tasks;

    @Inject
    AssignmentService assignments;

    @Inject
    HistoryReader historyReader;

    @POST
    @Operation(summary = "Create a task assigned to units",
            description = "Stores the task and one assignment per unit (the first unit leads) and emits one task.assigned event per assignment.")
    @APIResponse(responseCode = "201", description = "Created; Location names the task", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.TaskView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or malformed JSON (problem+json)")
    @APIResponse(responseCode = "422", description = "A unit code is unknown or retired (problem+json, errors name each one)")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    @RolesAllowed(Caller.SUPERVISOR)
    public Response create(@Valid @NotNull TaskApi.CreateTask request, @Context UriInfo uri) {
        TaskApi.TaskView t = tasks.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(t.id().toString()).build()).entity(t).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a task with its assignments",
            description = "A unit-operator or an integration reads only tasks one of its units has an assignment of. "
                    + "Another unit's assignment is redacted for a unit-operator or an integration that does not act for it: its unit, role, "
                    + "state, deadline and light only (progressPercent, latestProgress, pendingExtension null; redacted true).")
    @APIResponse(responseCode = "404", description = "No such task (problem+json)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The task with its assignments")
    public TaskApi.TaskView get(@PathParam("id") UUID id) {
        return tasks.read(id);
    }

    @POST
    @Path("/{id}/claims")
    @Operation(summary = "认领: a unit claims a task addressed to an open group (市直有关单位)",
            description = "Creates the unit's assignment (RESPONSIBLE, already ACCEPTED); emits task.assigned and task.claimed. "
                    + "A unit-operator or an integration claims only for a unit of its token. Only a unit the open group could "
                    + "contain may claim: the members of a registry group of that name, else by the phrase (市直… → municipal "
                    + "departments and direct agencies; …区…, …管委会 → districts and zone committees; 有关单位 → any unit); "
                    + "any other unit is a 403 (forbidden) and the supervising office designates it instead.")
    @APIResponse(responseCode = "403", description = "The token does not act for the unit, or the unit is not one the open group could contain")
    @APIResponse(responseCode = "201", description = "Claimed; the body is the new assignment", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.AssignmentView.class)))
    @APIResponse(responseCode = "409", description = "The unit already has an assignment, or the plan is not published")
    @APIResponse(responseCode = "422", description = "Unknown unit, or the task is not addressed to an open group")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public Response claim(@PathParam("id") UUID id, @Valid @NotNull TaskApi.Claim body) {
        return Response.status(201).entity(assignments.claim(id, body)).build();
    }

    @POST
    @Path("/{id}/designations")
    @Operation(summary = "Designate units for a task addressed to an open group (supervisor)",
            description = "One new assignment per unit (RESPONSIBLE, ASSIGNED); emits task.assigned and task.designated each.")
    @APIResponse(responseCode = "201", description = "Designated; the body is the task", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.TaskView.class)))
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    @RolesAllowed(Caller.SUPERVISOR)
    public Response designate(@PathParam("id") UUID id, @Valid @NotNull TaskApi.Designate body) {
        return Response.status(201).entity(assignments.designate(id, body)).build();
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The task's history: every change with actor, time, states and reason",
            description = "Oldest first. Readable by whoever may read the task. For a unit-operator or an integration, an entry "
                    + "of another unit's assignment shows its action, time, unit and states only: actor and reason null, "
                    + "details reduced to role, origin, group and deadlines, redacted true.")
    @APIResponse(responseCode = "404", description = "No such task (problem+json)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "A page of the task's history")
    public TaskApi.HistoryPage history(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        tasks.readable(id);
        return historyReader.page(id, cursor, limit);
    }
}
