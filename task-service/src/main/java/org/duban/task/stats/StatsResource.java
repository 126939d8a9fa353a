package org.duban.task.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Statistics of a plan and its annual-report summary: the supervising office's and the viewer's. */
@Path("/plans/{id}")
@RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
@Tag(name = "Supervision")
public class StatsResource {

    static final String MARKDOWN = "text/markdown; charset=UTF-8";

    @Inject
    Statistics statistics;

    @Inject
    AnnualSummary summary;

    @GET
    @Path("/statistics")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Statistics of a plan: per plan, per section, per unit (ranked, 排名) and completions per week")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = StatsApi.PlanStats.class)))
    @APIResponse(responseCode = "404", description = "No such plan (problem+json)")
    public StatsApi.PlanStats statistics(@PathParam("id") UUID id) {
        return statistics.of(id);
    }

    @GET
    @Path("/annual-summary")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
    @Operation(summary = "The annual-report summary of a plan (for the 政府信息公开工作年度报告)",
            description = "The plan's figures and a short generated Chinese text of how it was carried out."
                    + " format=markdown gives the text with the figures as tables.")
    @APIResponse(responseCode = "200", description = "The summary", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsApi.AnnualSummary.class)),
            @Content(mediaType = MARKDOWN)})
    @APIResponse(responseCode = "400", description = "Unknown format (problem+json)")
    @APIResponse(responseCode = "404", description = "No such plan (problem+json)")
    public Response annualSummary(@PathParam("id") UUID id,
                                  @Parameter(description = "json (default) or markdown", example = "markdown")
                                  @QueryParam("format") @DefaultValue("json") String format) {
        String fmt = format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!fmt.equals("json") && !fmt.equals("markdown")) {
            throw new ProblemException(ProblemType.VALIDATION, "Query parameter 'format' is invalid",
                    List.of(new Problem.FieldError("format", "one of json, markdown", format)));
        }
        StatsApi.AnnualSummary s = summary.of(id);
        return fmt.equals("json") ? Response.ok(s, MediaType.APPLICATION_JSON).build()
                : Response.ok(AnnualSummary.markdown(s), MARKDOWN).build();
    }
}
