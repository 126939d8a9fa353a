package org.duban.task.task;

import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import jakarta.annotation.security.RolesAllowed;
import org.duban.common.security.Caller;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.StrictJsonBodies;
import org.duban.common.problem.ProblemType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import java.util.Set;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Assignments: the list, and the lifecycle of one assignment. Every action answers 409 {@code illegal-transition} (naming
 * {@code currentState} and {@code allowedActions}) when the state does not allow it. The actor recorded is the
 * token's subject. The unit's own actions (签收, 进展报送, 报结, 退回, 延期申请) are open to the supervisor and to a
 * unit-operator or an integration acting for the assignment's unit; the supervising office's decisions (办结, 退回重办,
 * 催办, deadline, cancel, extension decisions) to the supervisor only. Actions whose body is optional
 * (accept, submit, complete, approve, reject) may be posted without a body.
 */
@Path("/assignments")
@APIResponse(responseCode = "412", description = Preconditions.STALE)
@Tag(name = "Assignments", description = "The lifecycle of what a unit owes: 签收, 进展报送, 报结, 办结, 退回, 延期, 催办")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    @Inject
    AssignmentService assignments;

    @Inject
    StrictJsonBodies bodies;

    @Inject
    Validator validator;

    /**
     * An optional JSON body read by hand, so `curl -X POST …/accept` without body or Content-Type works. A body
     * that is sent is read as strictly as any other: JSON (415 otherwise), UTF-8, no unknown fields, validated.
     */
    TaskApi.Note note(byte[] body, MediaType contentType) throws IOException {
        if (body == null || new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
            return null;
        }
        if (!json(contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the optional body as application/json");
        }
        // read by the server's strict mapper: a malformed body, invalid UTF-8, an unknown or repeated field,
        // a control character go to the problem mapper for JSON errors, as for any other body
        TaskApi.Note note = bodies.mapper().readerFor(TaskApi.Note.class).readValue(body);
        if (note == null) {
            // the body "null": a body was sent, and it is not the object this endpoint reads
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The optional body must be a JSON object such as {\"note\": \"…\"}, or left out");
        }
        Set<ConstraintViolation<TaskApi.Note>> violations = validator.validate(note);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return note;
    }

    private static boolean json(MediaType contentType) {
        return contentType != null && contentType.isCompatible(MediaType.APPLICATION_JSON_TYPE);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an assignment: state, light, deadline, latest progress, pending extension, allowed actions")
    @APIResponse(responseCode = "200", description = "The assignment; ETag is its version (send it as If-Match to act on it)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.AssignmentView.class)))
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public Response get(@PathParam("id") UUID id) {
        TaskApi.AssignmentView a = assignments.get(id);
        return Response.ok(a).tag(String.valueOf(a.version())).build();
    }

    @POST
    @Path("/{id}/accept")
    @Operation(summary = "签收 (unit): accept the assignment", description = "ASSIGNED → ACCEPTED; emits task.accepted.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The assignment, accepted")
    public TaskApi.AssignmentView accept(@PathParam("id") UUID id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.Note.class))) byte[] body,
            @Context HttpHeaders headers) throws IOException {
        return assignments.accept(id, note(body, headers.getMediaType()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/progress-reports")
    @Operation(summary = "进展报送 (unit): report progress",
            description = "ACCEPTED or IN_PROGRESS → IN_PROGRESS; emits task.progress-reported.")
    @APIResponse(responseCode = "201", description = "Reported; the body is the assignment with its latest progress", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.AssignmentView.class)))
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public Response reportProgress(@PathParam("id") UUID id, @Valid @NotNull TaskApi.ReportProgress body) {
        return Response.status(201).entity(assignments.reportProgress(id, body)).build();
    }

    @GET
    @Path("/{id}/progress-reports")
    @Operation(summary = "The assignment's progress reports, newest first")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The assignment's progress reports")
    public List<TaskApi.ProgressView> progressReports(@PathParam("id") UUID id) {
        return assignments.progressReports(id);
    }

    @POST
    @Path("/{id}/submit")
    @Operation(summary = "报结 (unit): report the work done, for the supervisor to confirm",
            description = "ACCEPTED or IN_PROGRESS → SUBMITTED; emits task.submitted.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The assignment, submitted for completion")
    public TaskApi.AssignmentView submit(@PathParam("id") UUID id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.Note.class))) byte[] body,
            @Context HttpHeaders headers) throws IOException {
        return assignments.submit(id, note(body, headers.getMediaType()));
    }

    @POST
    @Path("/{id}/complete")
    @Operation(summary = "办结 (supervisor): confirm completion", description = "SUBMITTED → COMPLETED; emits task.completed.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The assignment, completed")
    public TaskApi.AssignmentView complete(@PathParam("id") UUID id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.Note.class))) byte[] body,
            @Context HttpHeaders headers) throws IOException {
        return assignments.complete(id, note(body, headers.getMediaType()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/send-back")
    @Operation(summary = "退回重办 (supervisor): send submitted work back to be redone",
            description = "SUBMITTED → IN_PROGRESS; emits task.sent-back.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The assignment, sent back to the unit")
    public TaskApi.AssignmentView sendBack(@PathParam("id") UUID id, @Valid @NotNull TaskApi.Reason body) {
        return assignments.sendBack(id, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/return")
    @Operation(summary = "退回 (unit): return the assignment as not this unit's responsibility",
            description = "ASSIGNED or ACCEPTED → RETURNED; emits task.returned.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The assignment, returned by the unit")
    public TaskApi.AssignmentView returnAssignment(@PathParam("id") UUID id, @Valid @NotNull TaskApi.Reason body) {
        return assignments.returnAssignment(id, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/extension-requests")
    @Operation(summary = "延期申请 (unit): ask for a later deadline, before the deadline",
            description = "Allowed in ACCEPTED and IN_PROGRESS; the state does not change; emits task.extension-requested.")
    @APIResponse(responseCode = "201", description = "Requested, pending the supervisor's decision", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.ExtensionView.class)))
    @APIResponse(responseCode = "422", description = "No deadline, or the deadline has passed")
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public Response requestExtension(@PathParam("id") UUID id, @Valid @NotNull TaskApi.RequestExtension body) {
        return Response.status(201).entity(assignments.requestExtension(id, body)).build();
    }

    @POST
    @Path("/{id}/extension-requests/{requestId}/approve")
    @Operation(summary = "Approve an extension request (supervisor)",
            description = "Moves the assignment's deadline; emits task.extension-approved.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The extension request, approved")
    public TaskApi.ExtensionView approve(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId,
                                         @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.Note.class))) byte[] body,
            @Context HttpHeaders headers) throws IOException {
        return assignments.decideExtension(id, requestId, true, note(body, headers.getMediaType()));
    }

    @POST
    @Path("/{id}/extension-requests/{requestId}/reject")
    @Operation(summary = "Reject an extension request (supervisor)", description = "Emits task.extension-rejected.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The extension request, rejected")
    public TaskApi.ExtensionView reject(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId,
                                        @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.Note.class))) byte[] body,
            @Context HttpHeaders headers) throws IOException {
        return assignments.decideExtension(id, requestId, false, note(body, headers.getMediaType()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/urge")
    @Operation(summary = "催办 (supervisor): press the unit to act", description = "Open states before submission; emits task.urged.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The assignment, urged")
    public TaskApi.AssignmentView urge(@PathParam("id") UUID id, @Valid @NotNull TaskApi.Urge body) {
        return assignments.urge(id, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/deadline")
    @Operation(summary = "Change the assignment's deadline (supervisor), with a reason", description = "Emits task.deadline-changed.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The assignment with its new deadline")
    public TaskApi.AssignmentView changeDeadline(@PathParam("id") UUID id, @Valid @NotNull TaskApi.ChangeDeadline body) {
        return assignments.changeDeadline(id, body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel the assignment (supervisor), with a reason", description = "Open state → CANCELLED; emits task.cancelled.")
    @RolesAllowed(Caller.SUPERVISOR)
    @APIResponse(responseCode = "200", description = "The assignment, cancelled")
    public TaskApi.AssignmentView cancel(@PathParam("id") UUID id, @Valid @NotNull TaskApi.Reason body) {
        return assignments.cancel(id, body);
    }
}
