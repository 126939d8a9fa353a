package org.duban.task.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.duban.common.security.Caller;
import org.duban.task.task.Preconditions;
import org.duban.task.task.TaskApi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The filtered list of assignments (GET /assignments), beside the assignment's actions (AssignmentResource, same path, tag and 412). */
@Path("/assignments")
@APIResponse(responseCode = "412", description = Preconditions.STALE)
@Tag(name = "Assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentListResource {

    @Inject
    TaskQueries queries;

    @GET
    @Operation(summary = "List assignments, most urgent first",
            description = "Filters combine with AND. Ordered by the assignment's deadline (overdue first), no deadline last; cursor pagination. "
                    + "A unit-operator or an integration sees only its units' assignments; unit naming another unit is a 403.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "A page of assignments")
    public TaskApi.AssignmentPage list(
            @QueryParam("plan") String plan, @BeanParam FilterParams filter,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return queries.assignments(filter.toFilter(plan),
                cursor, limit);
    }
}
