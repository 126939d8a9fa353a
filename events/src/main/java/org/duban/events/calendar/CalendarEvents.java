package org.duban.events.calendar;

import org.duban.events.EventType;

import java.util.List;

/** The type of duban.calendar (key = the year; compacted), written by task-service, replicated by notification-service. */
public final class CalendarEvents {
    private CalendarEvents() {
    }

    public static final String TOPIC = "duban.calendar";

    public static final EventType<CalendarYear> YEAR = new EventType<>(CalendarYear.TYPE, TOPIC, CalendarYear.class);

    /** Every type of the topic. */
    public static final List<EventType<?>> ALL = List.of(YEAR);
}
