package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The API bodies of the working-day calendar. */
public final class CalendarApi {
    private CalendarApi() {
    }

    @Schema(name = "CalendarDay", description = "A day that differs from the plain week (Monday-Friday working)")
    public record DayView(
            @Schema(examples = "2020-10-10") LocalDate date,
            @Schema(description = "HOLIDAY: a day off; WORKDAY: a weekend day that is a working day (调休上班)") DayKind kind,
            @Schema(examples = "国庆节、中秋节调休上班") String name,
            @Schema(examples = "市政府办公室通知：因防汛调整") String reason,
            @Schema(description = "SEED: shipped with the State Council notice; API: set by a supervisor") CalendarDay.Source source,
            boolean workingDay,
            OffsetDateTime updatedAt,
            long version) {
        static DayView of(CalendarDay d) {
            return new DayView(d.day, d.kind, d.name, d.reason, d.source, d.kind == DayKind.WORKDAY, d.updatedAt, d.version);
        }
    }

    @Schema(name = "CalendarYear", description = "The days of a year that differ from the plain week, in date order")
    public record YearView(int year, int workingDays, List<DayView> days) {
    }

    @Schema(name = "SetCalendarDay", description = "Marks a date as a holiday or as a working day")
    public record SetDay(
            @NotNull DayKind kind,
            @Schema(examples = "国庆节") @NotBlank @Size(max = 100) String name,
            @Schema(examples = "国务院办公厅通知调整") @Size(max = 500) String reason) {
    }

    @Schema(name = "WorkingDayCount")
    public record WorkingDayCount(
            @Schema(description = "exclusive", examples = "2020-09-30") LocalDate from,
            @Schema(description = "inclusive", examples = "2020-10-12") LocalDate to,
            @Schema(description = "Working days after from up to and including to; negative when to is before from", examples = "2")
            int workingDays) {
    }
}
