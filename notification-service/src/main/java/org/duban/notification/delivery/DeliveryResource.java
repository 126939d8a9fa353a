package org.duban.notification.delivery;

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
import org.duban.common.unit.UnitCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/")
@Tag(name = "Deliveries", description = "投递记录: each external send (webhook, e-mail) of a notification, its attempts, dead letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    DeliveryService deliveries;

    @GET
    @Path("notifications/{id}/deliveries")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "The delivery history of a notification", description = "Every send with its attempts, status codes, times and errors.")
    @APIResponse(responseCode = "200", description = "The deliveries (empty: inbox only)")
    @APIResponse(responseCode = "404", description = "No such notification (problem+json)")
    public DeliveryApi.DeliveryList ofNotification(@PathParam("id") UUID id) {
        return new DeliveryApi.DeliveryList(deliveries.ofNotification(id));
    }

    @GET
    @Path("deliveries/{id}")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "One delivery with its attempts")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "No such delivery (problem+json)")
    public DeliveryApi.View get(@PathParam("id") UUID id) {
        return deliveries.get(id);
    }

    @GET
    @Path("dead-letters")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
    @Operation(summary = "Dead letters", description = "Deliveries given up after the last attempt (or at once: 410 Gone, endpoint disabled); newest first.")
    @APIResponse(responseCode = "200", description = "A page of dead letters")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor (problem+json)")
    public DeliveryApi.DeadLetterPage deadLetters(@QueryParam("unitCode") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String unitCode,
                                                  @QueryParam("channel") String channel,
                                                  @QueryParam("cursor") String cursor,
                                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return deliveries.deadLetters(unitCode, channel, cursor, limit);
    }

    @POST
    @Path("dead-letters/{id}/redrive")
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Re-drive a dead letter", description = "Pending again now, attempts start over, same webhook-id.")
    @APIResponse(responseCode = "200", description = "The delivery, PENDING")
    @APIResponse(responseCode = "404", description = "No such delivery (problem+json)")
    @APIResponse(responseCode = "409", description = "The delivery is not a dead letter (problem+json)")
    public DeliveryApi.View redrive(@PathParam("id") UUID id) {
        return deliveries.redrive(id);
    }
}
