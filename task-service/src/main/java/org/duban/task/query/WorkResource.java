package org.duban.task.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.duban.task.task.TaskApi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A unit's work list (the filtered lists are GET /tasks and GET /assignments). */
@Path("/units/{code}/work")
@Tag(name = "Assignments")
@Produces(MediaType.APPLICATION_JSON)
public class WorkResource {

    @Inject
    TaskQueries queries;

    @Inject
    Access access;

    @GET
    @Operation(summary = "A unit's work list: its open assignments, most urgent first",
            description = "ASSIGNED, ACCEPTED and IN_PROGRESS assignments of the unit; overdue first, then the nearest deadline. "
                    + "A unit-operator or an integration reads only its own units' lists.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public TaskApi.AssignmentPage work(@Parameter(example = "sfj") @PathParam("code") String code,
                                       @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        access.requireRead(code, "The work list of unit " + code);
        Filter f = Filter.parse(null, null, null, code, null, null, null, null, null, null, null).onlyOpen();
        return queries.assignments(f, cursor, limit);
    }
}
