package org.duban.registry.resolution;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.duban.common.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/resolutions")
@Tag(name = "Resolutions", description = "A plan's unit phrases (牵头及责任单位) → units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
/** A read-only computation: every role may resolve (task-service calls it forwarding its caller's token). */
@RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
public class ResolutionResource {

    @Inject
    ResolutionService resolutions;

    @POST
    @Operation(summary = "Resolve unit phrases",
            description = "For each phrase: its mentions in order (unit, group, open group, role within units, unresolved "
                    + "with the closest candidates), the units each expands to, and the lead (the unit marked 牵头, else the "
                    + "first named unit). For each text sent in 'texts' (a plan's task texts): the active units it names itself, by the "
                    + "same names and normaliser. Nothing is stored. The grammar is in docs/registry.md.")
    @APIResponse(responseCode = "200", description = "One result per phrase, in order")
    @APIResponse(responseCode = "400", description = "No phrases and no texts, more than 1000 of either, or over a length limit")
    public ResolutionApi.ResolutionResult resolve(@Valid @NotNull ResolutionApi.ResolutionRequest request) {
        return resolutions.resolve(request.phrases(), request.texts());
    }
}
