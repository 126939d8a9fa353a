package org.duban.task.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.duban.common.security.Caller;
import org.duban.task.task.TaskApi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The filtered list of tasks (GET /tasks), beside the task's other operations (TaskResource, same path and tag). */
@Path("/tasks")
@Tag(name = "Tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskListResource {

    @Inject
    TaskQueries queries;

    @GET
    @Operation(summary = "List tasks", description = "Newest first; cursor pagination. Filters combine with AND: "
            + "unit, role and state match any of the task's assignments; light is the task's (the worst of its open assignments'). "
            + "A unit-operator or an integration sees only tasks its units have an assignment of; unit naming another unit is a 403. "
            + "Another unit's assignment is redacted for a unit-operator or an integration that does not act for it: its unit, role, "
            + "state, deadline and light only (progressPercent, latestProgress, pendingExtension null; redacted true).")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public TaskApi.TaskPage list(
            @QueryParam("plan") String plan, @BeanParam FilterParams filter,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return queries.tasks(filter.toFilter(plan),
                cursor, limit);
    }
}
