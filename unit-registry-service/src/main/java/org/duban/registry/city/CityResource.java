package org.duban.registry.city;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk import and export of a whole city (JSON), or of one section of it (CSV sheets). Only the supervising
 * office imports; the export (every unit's contacts, in one file) is for the supervisor and the viewer.
 */
@Path("/city")
@Tag(name = "City", description = "Bulk import and export: a whole city as JSON, or its units, groups and tags as CSV")
@RolesAllowed(Caller.SUPERVISOR)
public class CityResource {

    static final String CSV = "text/csv";

    @Inject
    CityService city;

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a city (JSON)", description = "Creates or replaces, by code, the city's name, tags, units "
            + "and groups in the document; records not in it stay. All or nothing, in one transaction; every changed unit "
            + "and group is published. With dryRun=true, reports every problem by record and writes nothing.")
    @APIResponse(responseCode = "200", description = "Imported, or the dry run's report")
    @APIResponse(responseCode = "409", description = "Duplicate codes or names (problem+json; nothing written)")
    @APIResponse(responseCode = "422", description = "Invalid records (problem+json; nothing written)")
    public CityService.ImportReport importJson(@NotNull CityApi.CityDocument document,
                                               @Parameter(description = "Only check") @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        return city.importDocument(document, dryRun);
    }

    @POST
    @Path("/import/{section}")
    @Consumes({CSV, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a CSV sheet", description = "section = units, groups or tags; UTF-8 with Chinese headers "
            + "(see docs/registry.md). Problems are reported by row (the header is row 1).")
    @APIResponse(responseCode = "200", description = "Imported, or the dry run's report")
    @APIResponse(responseCode = "404", description = "Unknown section")
    @APIResponse(responseCode = "409", description = "Duplicate codes or names (nothing written)")
    @APIResponse(responseCode = "422", description = "Invalid rows (nothing written)")
    @APIResponse(responseCode = "400", description = "An empty sheet")
    @APIResponse(responseCode = "415", description = "The sheet is not UTF-8 text")
    public CityService.ImportReport importCsv(@PathParam("section") String section, byte[] body,
                                              @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        return city.importCsv(section, CityCsv.utf8(body), dryRun);
    }

    @GET
    @Path("/export")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the city (JSON)", description = "The same document the import reads.")
    @APIResponse(responseCode = "200", description = "The whole city")
    public CityApi.CityDocument exportJson() {
        return city.export();
    }

    @GET
    @Path("/export/{section}")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
    @Produces(CSV + ";charset=UTF-8")
    @Operation(summary = "Export a CSV sheet", description = "section = units, groups or tags; with a UTF-8 BOM for Excel.")
    @APIResponse(responseCode = "200", description = "The sheet")
    @APIResponse(responseCode = "404", description = "Unknown section")
    public Response exportCsv(@PathParam("section") String section) {
        return Response.ok(city.exportCsv(section))
                .header("Content-Disposition", "attachment; filename=\"" + section + ".csv\"").build();
    }
}
