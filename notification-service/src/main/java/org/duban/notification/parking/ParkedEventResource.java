package org.duban.notification.parking;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.duban.common.security.Caller;
import org.duban.common.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/parked-events")
@Tag(name = "Parked events", description = "停放的事件: task events and unit snapshots the service could not apply; re-drive or discard them")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedEventResource {

    @Inject
    ParkedEvents parked;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
    @Operation(summary = "Parked events", description = "Records a consumer could not apply (a unit the replica does not know, a control "
            + "character, a date outside 2000-01-01..2100-12-31, unreadable data, data the database refuses), most recently parked first.")
    @APIResponse(responseCode = "200", description = "A page of parked events")
    @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor (problem+json)")
    public ParkedEventApi.Page list(@Parameter(description = "PARKED (default), REDRIVEN or DISCARDED", example = "PARKED")
                                    @QueryParam("status") @DefaultValue("PARKED")
                                    @Pattern(regexp = "PARKED|REDRIVEN|DISCARDED", message = "must be PARKED, REDRIVEN or DISCARDED") String status,
                                    @QueryParam("cursor") String cursor,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return parked.list(status, cursor, limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
    @Operation(summary = "One parked event", description = "With its headers, its value and the last error.")
    @APIResponse(responseCode = "200", description = "The parked event")
    @APIResponse(responseCode = "404", description = "No such parked event (problem+json)")
    public ParkedEventApi.View get(@PathParam("id") UUID id) {
        return parked.get(id);
    }

    @POST
    @Path("{id}/redrive")
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Re-drive a parked event", description = "Applies it again through the consumer's own checks and effect, "
            + "at most once per event id. Applied: status REDRIVEN. Still failing: it stays PARKED with the new error and one more "
            + "attempt. Re-driving a REDRIVEN event changes nothing.")
    @APIResponse(responseCode = "200", description = "The parked event after the attempt: REDRIVEN, or PARKED with the new error")
    @APIResponse(responseCode = "404", description = "No such parked event (problem+json)")
    @APIResponse(responseCode = "409", description = "The event was discarded, or resolved meanwhile (problem+json)")
    public ParkedEventApi.View redrive(@PathParam("id") UUID id) {
        return parked.redrive(id, caller.get().subject());
    }

    @POST
    @Path("{id}/discard")
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Discard a parked event", description = "It will not be applied; it leaves the list of parked events "
            + "(still readable with status=DISCARDED). Discarding a DISCARDED event changes nothing.")
    @APIResponse(responseCode = "200", description = "The parked event, DISCARDED")
    @APIResponse(responseCode = "404", description = "No such parked event (problem+json)")
    @APIResponse(responseCode = "409", description = "The event was re-driven already (problem+json)")
    public ParkedEventApi.View discard(@PathParam("id") UUID id) {
        return parked.discard(id, caller.get().subject());
    }
}
