package org.duban.events.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

/**
 * One year of task-service's working-day calendar, the value of a record on duban.calendar (key = the
 * year, e.g. {@code "2026"}; compacted: the latest snapshot of every year is kept). CloudEvents type
 * {@value #TYPE}. It lists the days that differ from the plain week (Monday-Friday) and whose date is in
 * {@code year}: holidays (放假, also on weekends) and weekend working days (调休上班). Its type is
 * {@link CalendarEvents#YEAR} in the event catalogue; its JSON Schema is {@code schemas/calendar-year.json}.
 *
 * @param year    the calendar year of every day listed, {@value #FIRST_YEAR}..{@value #LAST_YEAR}
 * @param covered whether the year has its holidays entered (at least one holiday: the State Council's
 *                notice was shipped or confirmed, or a supervisor entered days). A year not covered is
 *                counted on the plain week plus the days listed, and the consumer warns about it
 * @param version task-service's count of this year's snapshots (1, 2, …): a consumer keeps the highest
 *                and ignores a lower or equal one, so a replay or an out-of-order copy changes nothing
 * @param days    the exceptions of the year, by date ascending; empty when the year has none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarYear(int year, boolean covered, long version, List<Day> days) {

    /** The CloudEvents type ({@code ce_type}) of the records on duban.calendar. */
    public static final String TYPE = "calendar.year";

    /**
     * The years a snapshot may name: those of the dates task-service's calendar accepts (common's {@code DateRange},
     * 2000-01-01..2100-12-31). The schema's minimum and maximum say the same; a consumer parks a year outside.
     */
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    public CalendarYear {
        days = days == null ? List.of() : List.copyOf(days);
    }

    /** How a day differs from the plain week. */
    public enum Kind {
        /** A day off, even on a weekday (法定节假日 and its 调休 rest days). */
        HOLIDAY,
        /** A weekend day that is worked (调休上班). */
        WORKDAY
    }

    /**
     * @param date the day (ISO yyyy-MM-dd)
     * @param kind holiday or worked weekend day
     * @param name e.g. 国庆节, 国庆节调休上班
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Day(LocalDate date, Kind kind, String name) {
    }
}
