package org.duban.notification.inbox;

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
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.duban.common.unit.UnitCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * A unit's inbox. Read: supervisor, viewer, the unit's own operator/integration; marking read:
 * supervisor and the unit's own (a viewer writes nothing). {@code code} is checked against the
 * caller's units before anything is read or changed.
 */
@Path("/units/{code}/notifications")
@Tag(name = "Notifications", description = "站内通知: each unit's inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    @Inject
    InboxService inbox;

    @Inject
    Access access;

    @GET
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "List a unit's notifications",
            description = "Newest first; cursor pagination; optional filters type, read, taskId. unreadCount counts the whole inbox.")
    @APIResponse(responseCode = "200", description = "A page of the inbox (empty for a unit never notified)")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor (problem+json)")
    public InboxApi.NotificationPage list(@PathParam("code") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String code,
                                          @Parameter(description = "Only this event type", example = "task.urged")
                                          @QueryParam("type") String type,
                                          @Parameter(description = "true: only read ones; false: only unread ones")
                                          @QueryParam("read") Boolean read,
                                          @Parameter(description = "Only notifications about this task")
                                          @QueryParam("taskId") UUID taskId,
                                          @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        access.requireRead(code, "The inbox of unit '" + code + "'");
        return inbox.page(code, new InboxService.Filter(type, read, taskId), cursor, limit);
    }

    @POST
    @Path("/read-all")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "Mark all of a unit's notifications read")
    @APIResponse(responseCode = "200", description = "How many were marked; the unread count is then 0")
    public InboxApi.MarkedRead markAllRead(@PathParam("code") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String code) {
        access.requireActFor(code, "The inbox of unit '" + code + "'");
        int marked = inbox.markAllRead(code);
        return new InboxApi.MarkedRead(marked, inbox.unreadCount(code));
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "Mark a notification read", description = "Idempotent: marking it again keeps the first time.")
    @APIResponse(responseCode = "204", description = "Marked read")
    @APIResponse(responseCode = "404", description = "The unit has no such notification — also when the id is another unit's (problem+json)")
    public void markRead(@PathParam("code") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String code, @PathParam("id") UUID id) {
        access.requireActFor(code, "The inbox of unit '" + code + "'");
        inbox.markRead(code, id);
    }
}
