package org.duban.events;

import org.duban.events.calendar.CalendarEvents;
import org.duban.events.task.TaskEvents;
import org.duban.events.unit.UnitEvents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every event type Duban's services send to each other, in a fixed order. A consumer that must handle every type
 * of a topic (notification-service's routing table) is tested against this list, as are the AsyncAPI document
 * and its JSON Schemas.
 */
public final class EventCatalog {
    private EventCatalog() {
    }

    public static final List<EventType<?>> ALL;

    static {
        List<EventType<?>> all = new ArrayList<>();
        all.addAll(UnitEvents.ALL);
        all.addAll(TaskEvents.ALL);
        all.addAll(CalendarEvents.ALL);
        ALL = Collections.unmodifiableList(all);
    }

    /** The type of that name, if it is one. */
    public static Optional<EventType<?>> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The types that travel on {@code topic}. */
    public static List<EventType<?>> onTopic(String topic) {
        return ALL.stream().filter(t -> t.topic().equals(topic)).toList();
    }
}
