package org.duban.task.task;

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
import org.duban.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/tasks")
@Tag(name = "Tasks", description = "Tasks and their per-unit assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskService tasks;

    @POST
    @Operation(summary = "Create a task assigned to units",
            description = "Stores the task and one assignment per unit (the first unit leads) and emits one task.assigned event per assignment.")
    @APIResponse(responseCode = "201", description = "Created; Location names the task")
    @APIResponse(responseCode = "400", description = "Invalid fields or malformed JSON (problem+json)")
    @APIResponse(responseCode = "422", description = "A unit code is unknown or retired (problem+json, errors name each one)")
    public Response create(@Valid @NotNull TaskApi.CreateTask request, @Context UriInfo uri) {
        TaskApi.TaskView t = tasks.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(t.id().toString()).build()).entity(t).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a task with its assignments")
    @APIResponse(responseCode = "404", description = "No such task (problem+json)")
    public TaskApi.TaskView get(@PathParam("id") UUID id) {
        return tasks.find(id).orElseThrow(() -> ProblemException.notFound("No task with id " + id));
    }

    @GET
    @Operation(summary = "List tasks", description = "Newest first; cursor pagination.")
    public TaskApi.TaskPage list(@QueryParam("cursor") UUID cursor,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        List<TaskApi.TaskView> page = tasks.list(cursor, limit + 1);
        boolean more = page.size() > limit;
        List<TaskApi.TaskView> items = page.stream().limit(limit).toList();
        return new TaskApi.TaskPage(items, more ? items.get(items.size() - 1).id().toString() : null);
    }
}
