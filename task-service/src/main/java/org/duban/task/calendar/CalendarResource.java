package org.duban.task.calendar;

import org.duban.common.version.IfMatch;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.time.DateRange;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The working-day calendar. Every role reads it; PUT, DELETE and the holiday notice import are the supervisor's. */
@Path("/calendar")
@Tag(name = "Calendar", description = "The working-day calendar: statutory holidays (法定节假日) and adjusted working days (调休)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarResource {

    @Inject
    CalendarService calendar;

    @GET
    @Path("/{year: \\d{4}}")
    @Operation(summary = "The days of a year that differ from the plain week",
            description = "Holidays (with their names) and weekend working days (调休上班), in date order, and the year's number of working days.")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    public CalendarApi.YearView year(@PathParam("year") int year) {
        return calendar.year(DateRange.yearParameter("year", year));
    }

    @GET
    @Path("/days/{date}")
    @Operation(summary = "One day's entry", description = "404 when the day follows the plain week. ETag = the entry's version.")
    @APIResponse(responseCode = "404", description = "The day has no entry (problem+json)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The day's entry; ETag is its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarApi.DayView.class)))
    public Response day(@Parameter(example = "2020-10-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @PathParam("date") String date) {
        CalendarApi.DayView d = calendar.day(parseDate("date", date))
                .orElseThrow(() -> ProblemException.notFound("The day " + date + " follows the plain week"));
        return Response.ok(d).tag(new EntityTag(Long.toString(d.version()))).build();
    }

    @PUT
    @Path("/days/{date}")
    @Operation(summary = "Mark a date as a holiday or a working day (supervisor)",
            description = "Creates or replaces the date's entry; reminders scheduled afterwards use it. Send If-Match with the version read to avoid overwriting someone else's change.")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarApi.DayView.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarApi.DayView.class)))
    @APIResponse(responseCode = "400", description = "Invalid date or fields (problem+json)")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version (precondition-failed)")
    @RolesAllowed(Caller.SUPERVISOR)
    public Response set(@Parameter(example = "2020-10-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @PathParam("date") String date, @Valid @NotNull CalendarApi.SetDay request,
                        @Parameter(description = "the version last read (ETag)") @HeaderParam("If-Match") String ifMatch) {
        CalendarService.Result r = calendar.set(parseDate("date", date), request, IfMatch.version(ifMatch));
        return Response.status(r.created() ? 201 : 200).entity(r.day())
                .tag(new EntityTag(Long.toString(r.day().version()))).build();
    }

    @DELETE
    @Path("/days/{date}")
    @Operation(summary = "Remove a date's entry (supervisor)", description = "The date follows the plain week again.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The date had no entry (problem+json)")
    @RolesAllowed(Caller.SUPERVISOR)
    public void delete(@Parameter(example = "2020-10-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @PathParam("date") String date) {
        if (!calendar.delete(parseDate("date", date))) {
            throw ProblemException.notFound("The day " + date + " has no entry");
        }
    }

    // --- the State Council's notice (issue 19) ------------------------------------------------------

    static final String NOTICE_BODY = "The notice as published — copied from gov.cn or a newspaper page, title, items and dateline —"
            + " as text/plain (UTF-8) or as JSON {\"text\": …}; at most " + HolidayNoticeParser.MAX_CHARS + " characters."
            + " A notice that extends a holiday (国务院办公厅关于延长…假期的通知) may follow the yearly one in the same text.";

    @POST
    @Path("/notices/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a holiday notice and show what confirming it would change (supervisor)",
            description = NOTICE_BODY + " Returns the year, each festival's days off (放假) and weekend days worked (调休上班), "
                    + "and the differences to the calendar; writes nothing. A text that cannot be read is a 400 validation "
                    + "problem naming `text`, one error per problem with its line.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeApi.NoticeText.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, maxLength = HolidayNoticeParser.MAX_CHARS))})
    @APIResponse(responseCode = "200", description = "The notice as read and the changes it would make",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeApi.Preview.class)))
    @APIResponse(responseCode = "400", description = "Not a notice that can be read: no year, a date not in the year or not a date, "
            + "a range backwards, a weekday that does not match, … (validation problem naming `text`, with the line)")
    @APIResponse(responseCode = "413", description = "Longer than " + HolidayNoticeParser.MAX_CHARS + " characters (problem+json naming `text`)")
    @RolesAllowed(Caller.SUPERVISOR)
    public NoticeApi.Preview previewNotice(@Valid @NotNull NoticeApi.NoticeText body) {
        return calendar.previewNotice(body.text());
    }

    @POST
    @Path("/notices/preview")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Caller.SUPERVISOR)
    public NoticeApi.Preview previewNoticeText(String text) {
        return calendar.previewNotice(text);
    }

    @POST
    @Path("/notices/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a holiday notice: the calendar takes its year's days (supervisor)",
            description = NOTICE_BODY + " Send the same text as to the preview (there is no stored preview: the text is "
                    + "read again, so what is confirmed is what it says). In one transaction the year's entries become exactly "
                    + "the notice's days (added, changed, removed; entered as source API with the notice's title as reason), "
                    + "the pending reminders that count a changed day are planned again, and every replica reloads the calendar "
                    + "(lights, working days left). Confirming it again changes nothing. Bad text: as the preview, nothing written.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeApi.NoticeText.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, maxLength = HolidayNoticeParser.MAX_CHARS))})
    @APIResponse(responseCode = "200", description = "What changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeApi.Confirmed.class)))
    @APIResponse(responseCode = "400", description = "Not a notice that can be read (validation problem naming `text`, with the line); nothing written")
    @APIResponse(responseCode = "413", description = "Longer than " + HolidayNoticeParser.MAX_CHARS + " characters (problem+json naming `text`); nothing written")
    @RolesAllowed(Caller.SUPERVISOR)
    public NoticeApi.Confirmed confirmNotice(@Valid @NotNull NoticeApi.NoticeText body) {
        return calendar.confirmNotice(body.text());
    }

    @POST
    @Path("/notices/confirm")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Caller.SUPERVISOR)
    public NoticeApi.Confirmed confirmNoticeText(String text) {
        return calendar.confirmNotice(text);
    }

    @GET
    @Path("/working-days")
    @Operation(summary = "Count working days", description = "Working days after from (exclusive) up to and including to.")
    @APIResponse(responseCode = "400", description = "from or to missing, not a date or outside 2000-01-01..2100-12-31 (problem+json)")
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @APIResponse(responseCode = "200", description = "The count of working days")
    public CalendarApi.WorkingDayCount workingDays(
            @Parameter(example = "2020-09-30", description = "2000-01-01 to 2100-12-31", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(example = "2020-10-12", description = "2000-01-01 to 2100-12-31", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        // both are read before either is refused, so the problem names every bad one
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate f = parseDate("from", from, errors);
        LocalDate t = parseDate("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.size() + " invalid parameter(s)", errors);
        }
        return new CalendarApi.WorkingDayCount(f, t, calendar.workingDaysBetween(f, t));
    }

    /** A date of the path or query: yyyy-MM-dd within DateRange (a 400 naming the parameter otherwise). */
    private static LocalDate parseDate(String field, String value) {
        return DateRange.requiredParameter(field, value);
    }

    private static LocalDate parseDate(String field, String value, List<Problem.FieldError> errors) {
        try {
            return parseDate(field, value);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

}
