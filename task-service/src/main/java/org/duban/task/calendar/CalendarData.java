package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import org.duban.common.calendar.WorkingDayCalendar;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped holiday data (classpath:calendar/cn-holidays-2020-2026.json): per year the State
 * Council notice it comes from and its days, as date ranges. Pure Java, also read by plain tests.
 */
public final class CalendarData {

    public static final String RESOURCE = "calendar/cn-holidays-2020-2026.json";

    public record Range(LocalDate from, LocalDate to, DayKind kind, String name) {
    }

    public record Year(int year, String notice, String remark, List<Range> days) {
    }

    public record File(String description, List<Year> years) {
    }

    /** One day of the seed data. */
    public record Day(LocalDate date, DayKind kind, String name) {
    }

    private CalendarData() {
    }

    public static File load() {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = CalendarData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return json.readValue(in, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ranges of one year expanded to single days. */
    public static List<Day> days(Year y) {
        List<Day> out = new ArrayList<>();
        for (Range r : y.days()) {
            for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
                out.add(new Day(d, r.kind(), r.name()));
            }
        }
        return out;
    }

    /** The whole shipped calendar (what a fresh database is seeded with). */
    public static WorkingDayCalendar shippedCalendar() {
        Map<LocalDate, DayKind> m = new HashMap<>();
        load().years().forEach(y -> days(y).forEach(d -> m.put(d.date(), d.kind())));
        return new WorkingDayCalendar(m);
    }
}
