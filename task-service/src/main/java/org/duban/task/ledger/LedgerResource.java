package org.duban.task.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.task.plan.Plan;
import org.duban.task.query.Filter;
import org.duban.task.query.FilterParams;
import org.duban.task.task.Lights;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The ledger (台账) of a plan as JSON, CSV or XLSX, streamed: the supervising office's and the viewer's (every unit's rows). */
@Path("/plans/{id}/ledger")
@RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER})
@Tag(name = "Supervision")
public class LedgerResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";

    @Inject
    Ledger ledger;

    @Inject
    Lights lights;

    @Inject
    ObjectMapper mapper;

    @GET
    @Produces({"application/json", CSV, XLSX})
    @Operation(summary = "The ledger (台账) of a plan: one row per task x unit",
            description = "Section, work item, task, unit, role (牵头/责任), state, light, deadline, working days left or"
                    + " overdue, the last progress report and its date, the completion date; in plan order. The filters"
                    + " are those of GET /assignments. format=csv is UTF-8 with a BOM (Excel shows the Chinese);"
                    + " format=xlsx has Chinese headers, a frozen header row and the light as the cell's colour."
                    + " Rows are streamed as they are read.")
    @APIResponse(responseCode = "200", description = "The ledger", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = LedgerRow.class)),
            @Content(mediaType = CSV), @Content(mediaType = XLSX)})
    @APIResponse(responseCode = "400", description = "A filter or the format is invalid (problem+json)")
    @APIResponse(responseCode = "404", description = "No such plan (problem+json)")
    public Response ledger(@PathParam("id") UUID id,
                           @Parameter(description = "json (default), csv or xlsx", example = "xlsx")
                           @QueryParam("format") @DefaultValue("json") String format,
                           @BeanParam FilterParams filter) {
        String fmt = format.strip().toLowerCase(Locale.ROOT);
        if (!List.of("json", "csv", "xlsx").contains(fmt)) {
            throw new ProblemException(ProblemType.VALIDATION, "Query parameter 'format' is invalid",
                    List.of(new Problem.FieldError("format", "one of json, csv, xlsx", format)));
        }
        // the filter is read first: a bad one is a 400 whether or not the plan exists
        Filter f = filter.toFilter(id.toString());
        Plan plan = ledger.plan(id);
        Ledger.Export export = ledger.export(f);
        LedgerMeta meta = new LedgerMeta(plan.id, plan.documentNumber, plan.title, lights.today());
        String name = "台账-" + plan.documentNumber + "-" + meta.asOf();
        StreamingOutput body = switch (fmt) {
            case "csv" -> out -> LedgerWriters.csv(export, out);
            case "xlsx" -> out -> LedgerWriters.xlsx(export, meta, out);
            default -> out -> LedgerWriters.json(export, meta, mapper, out);
        };
        Response.ResponseBuilder r = Response.ok(body, switch (fmt) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> "application/json";
        });
        if (!fmt.equals("json")) {
            r.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger." + fmt + "\"; filename*=UTF-8''"
                    + URLEncoder.encode(name + "." + fmt, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return r.build();
    }
}
