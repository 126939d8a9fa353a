package org.duban.task.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Beside a unit's work list: the periodic reports it owes, is late with or missed (issue 19). */
@Path("/units/{code}/reports")
@Tag(name = "Assignments")
@Produces(MediaType.APPLICATION_JSON)
public class UnitReportsResource {

    /** At most this many statuses in one request (there are four). */
    static final int MAX_STATUSES = 4;

    @Inject
    UnitReports reports;

    @Inject
    Access access;

    @GET
    @Operation(summary = "A unit's periodic reports (定期报送): what it owes, earliest due first",
            description = "The periods of the reporting cycles of the unit's open assignments, with their status today: "
                    + "PENDING 待报 (not due yet), MISSING 未报 (past due, no report), LATE 逾期 (reported after the due "
                    + "date), ON_TIME 按时. Without status: MISSING and PENDING, what the unit still owes. "
                    + "A unit-operator or an integration reads only its own units' reports.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public UnitReports.UnitReportPage list(@Parameter(example = "sfj") @PathParam("code") String code,
                                           @Parameter(description = "PENDING, MISSING, LATE, ON_TIME; repeat for several "
                                                   + "(none: MISSING and PENDING)") @QueryParam("status") List<String> status,
                                           @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        access.requireRead(code, "The periodic reports of unit " + code);
        return reports.of(code, statuses(status), cursor, limit);
    }

    static Set<ReportPeriods.Status> statuses(List<String> given) {
        if (given == null || given.isEmpty()) {
            return UnitReports.OWED;
        }
        if (given.size() > MAX_STATUSES) {
            throw new ProblemException(ProblemType.VALIDATION, "At most " + MAX_STATUSES + " statuses",
                    List.of(Problem.FieldError.of("status", "at most " + MAX_STATUSES + " values")));
        }
        Set<ReportPeriods.Status> out = EnumSet.noneOf(ReportPeriods.Status.class);
        for (String s : given) {
            try {
                out.add(ReportPeriods.Status.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.VALIDATION, "Unknown report status",
                        List.of(new Problem.FieldError("status", "one of PENDING, MISSING, LATE, ON_TIME",
                                s.length() <= 50 ? s : s.substring(0, 50) + "…")));
            }
        }
        return out;
    }
}
