package org.duban.task.importing;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.UUID;

/** Importing a plan document: the supervisor's only (the registry call forwards the supervisor's token). */
@Path("/plan-imports")
@RolesAllowed(Caller.SUPERVISOR)
@Tag(name = "Plan import", description = "From the issued document to a draft plan: preview, then confirm")
@Produces(MediaType.APPLICATION_JSON)
public class PlanImportResource {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String DOC = "application/msword";
    static final String PDF = "application/pdf";

    @Inject
    PlanImportService imports;

    @Inject
    ImportMeters meters;

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.TEXT_HTML, DOCX, DOC, PDF, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Preview a plan document",
            description = "The body is the plan as plain text (UTF-8, or GB18030; the notice, then the table row by row "
                    + "or numbered paragraphs), HTML (a saved web page or copied table), .docx, .doc or PDF (its text "
                    + "layer). The form is told by the content, whatever the Content-Type; limits: text 2 MB, HTML 5 MB, "
                    + ".docx/.doc/PDF 10 MB and 200 PDF pages. Returns what would be created — metadata, sections, work items, tasks with resolved units, "
                    + "deadlines and every problem by line — and creates nothing but the preview.")
    @APIResponse(responseCode = "201", description = "The preview; confirm it by its id", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.Preview.class)))
    @APIResponse(responseCode = "400", description = "Empty body (problem+json)")
    @APIResponse(responseCode = "413", description = "Over the size limit (problem+json)")
    @APIResponse(responseCode = "415", description = "None of text, HTML, .docx, .doc, PDF (problem+json)")
    @APIResponse(responseCode = "422", description = "Named or sent as .docx/.doc/PDF but not one, damaged, or no task table (problem+json)")
    @APIResponse(responseCode = "503", description = "The unit registry is unavailable (problem+json)")
    public Response previewBody(byte[] body, @HeaderParam("Content-Type") String contentType,
                                @QueryParam("fileName") String fileName) {
        return created(meters.counted(ImportMeters.PREVIEWED,
                () -> imports.preview(new PlanImportService.Upload(body, contentType, fileName))));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Preview an uploaded plan document (form field 'file': .txt, .html, .docx, .doc or .pdf)",
            description = "As the plain body; the form is told by the content, the file name only says what it should be.")
    @APIResponse(responseCode = "201", description = "The preview; confirm it by its id", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.Preview.class)))
    public Response previewUpload(@RestForm("file") FileUpload file) {
        if (file == null) {
            throw new ProblemException(org.duban.common.problem.ProblemType.EMPTY_DOCUMENT,
                    "Upload the document in the form field 'file'",
                    java.util.List.of(org.duban.common.problem.Problem.FieldError.of("file", "missing")));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return created(meters.counted(ImportMeters.PREVIEWED,
                () -> imports.preview(new PlanImportService.Upload(bytes, file.contentType(), file.fileName()))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a preview")
    @APIResponse(responseCode = "404", description = "No such import (problem+json)")
    @APIResponse(responseCode = "200", description = "The preview")
    public ImportApi.Preview get(@PathParam("id") UUID id) {
        return imports.find(id).orElseThrow(() -> ProblemException.notFound("No plan import with id " + id));
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "Confirm a preview: create the draft plan",
            description = "In one transaction; within the preview's time limit. The same plan twice is a 409.")
    @APIResponse(responseCode = "201", description = "The draft plan was created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.Confirmed.class)))
    @APIResponse(responseCode = "409", description = "Confirmed already, or the plan exists (problem+json)")
    @APIResponse(responseCode = "410", description = "The preview expired (problem+json)")
    @APIResponse(responseCode = "422", description = "Unresolved unit phrases or missing metadata (problem+json)")
    public Response confirm(@PathParam("id") UUID id) {
        return confirmed(meters.counted(ImportMeters.CONFIRMED, () -> imports.confirm(id)));
    }

    @POST
    @Path("/confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a preview posted back, possibly edited",
            description = "E.g. with unit codes chosen for unresolved phrases (clear 'unresolved' once fixed), or a document number added.")
    @APIResponse(responseCode = "201", description = "The draft plan was created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportApi.Confirmed.class)))
    @APIResponse(responseCode = "409", description = "The plan exists already (problem+json)")
    @APIResponse(responseCode = "422", description = "Unresolved unit phrases or unknown units (problem+json)")
    public Response confirmEdited(@Valid @NotNull ImportApi.Preview preview) {
        return confirmed(meters.counted(ImportMeters.CONFIRMED, () -> imports.confirmEdited(preview)));
    }

    private static Response created(ImportApi.Preview p) {
        return Response.created(URI.create("plan-imports/" + p.id())).entity(p).build();
    }

    private static Response confirmed(ImportApi.Confirmed c) {
        return Response.created(URI.create("plans/" + c.planId())).entity(c).build();
    }
}
