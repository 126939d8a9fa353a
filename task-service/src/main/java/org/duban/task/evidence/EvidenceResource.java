package org.duban.task.evidence;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.security.Caller;
import org.duban.task.task.Preconditions;
import org.duban.task.task.TaskApi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;
import java.util.UUID;

/**
 * The evidence files (佐证材料, issue 19) of an assignment's progress reports: a report sent as a form with files, and
 * a file's download. Beside the assignment's other actions (AssignmentResource, same path, tag and 412).
 */
@Path("/assignments")
@APIResponse(responseCode = "412", description = Preconditions.STALE)
@Tag(name = "Assignments")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    @Inject
    EvidenceService evidence;

    @Inject
    Validator validator;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Path("/{id}/progress-reports")
    @Operation(summary = "进展报送 with evidence files (佐证材料): report progress as a form with files",
            description = "multipart/form-data: summary, percent, nextSteps (optional), evidenceLinks (optional, repeated), "
                    + "files (repeated; each a file). As the JSON form, plus the files, which are kept with the report: "
                    + "at most duban.evidence.max-files (10) files of at most duban.evidence.max-file-size (20 MB) each and "
                    + "duban.evidence.max-total-size (50 MB) together; the type is told by content (PDF, PNG, JPEG, Word, "
                    + "Excel, plain text), never by the name. The report and its files are written all or nothing. "
                    + "Files cannot be added to a report afterwards (a report never changes): send a new report. "
                    + "This form takes no Idempotency-Key (the key binds the body bytes, which are not held in memory).")
    @APIResponse(responseCode = "201", description = "Reported; the body is the assignment with its latest progress and its files", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskApi.AssignmentView.class)))
    @APIResponse(responseCode = "413", description = "A file, or all files together, or the body past the limits (problem+json payload-too-large)")
    @APIResponse(responseCode = "415", description = "A file is none of the accepted kinds by content (problem+json evidence-type-refused)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = EvidenceFormDoc.class)))
    public Response reportProgressWithEvidence(@PathParam("id") UUID id, @BeanParam EvidenceForm form) {
        TaskApi.ReportProgress body = form.report();
        Set<ConstraintViolation<TaskApi.ReportProgress>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return Response.status(201).entity(evidence.report(id, body, form.uploads())).build();
    }

    @GET
    @Path("/{id}/progress-reports/{reportId}/evidence/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download an evidence file (佐证材料) of a progress report",
            description = "Same access as the report: the unit's own operator or integration, the supervisor, the viewer; "
                    + "another unit gets a 403. Served as an attachment with the type decided at upload "
                    + "(X-Content-Type-Options: nosniff); ETag is the file's SHA-256.")
    @APIResponse(responseCode = "200", description = "The file's bytes", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such file in that report of that assignment (problem+json)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public Response downloadEvidence(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
                                     @PathParam("evidenceId") UUID evidenceId) {
        EvidenceService.Download d = evidence.download(id, reportId, evidenceId);
        jakarta.ws.rs.core.StreamingOutput bytes = out -> {
            try (java.io.InputStream in = d.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(bytes, d.file().mediaType)
                .header("Content-Length", d.file().sizeBytes)
                .header("Content-Disposition", EvidenceForm.attachment(d.file().fileName))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache")
                .tag(d.file().sha256)
                .build();
    }
}
