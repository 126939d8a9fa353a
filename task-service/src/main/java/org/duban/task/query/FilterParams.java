package org.duban.task.query;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filter query parameters shared by GET /tasks, GET /assignments and the ledger (the plan
 * comes from a query parameter there, from the path here), declared once as a {@code @BeanParam}.
 */
public class FilterParams {

    @QueryParam("section")
    public String section;

    @QueryParam("workItem")
    public String workItem;

    @Parameter(example = "sfj")
    @QueryParam("unit")
    public String unit;

    @Parameter(description = "LEAD or RESPONSIBLE")
    @QueryParam("role")
    public String role;

    @Parameter(description = "ASSIGNED, ACCEPTED, IN_PROGRESS, SUBMITTED, COMPLETED, RETURNED, CANCELLED")
    @QueryParam("state")
    public String state;

    @Parameter(description = "GREEN, YELLOW or RED")
    @QueryParam("light")
    public String light;

    @Parameter(description = "Deadline on or before (2000-01-01 to 2100-12-31)", example = "2020-12-31", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @QueryParam("dueBefore")
    public String dueBefore;

    @Parameter(description = "Deadline on or after (2000-01-01 to 2100-12-31)", example = "2020-06-30", schema = @Schema(type = SchemaType.STRING, format = "date"))
    @QueryParam("dueAfter")
    public String dueAfter;

    @Parameter(description = "Text in the task", example = "政府网站")
    @QueryParam("q")
    public String q;

    @Parameter(example = "六稳")
    @QueryParam("tag")
    public String tag;

    /** The parsed filter for {@code plan} (a plan id, or null for all plans); a bad value is a 400 naming it. */
    public Filter toFilter(String plan) {
        return Filter.parse(plan, section, workItem, unit, role, state, light, dueBefore, dueAfter, q, tag);
    }
}
