package org.duban.task.task;

import org.duban.common.messaging.Topics;
import org.duban.events.EventCatalog;
import org.duban.events.calendar.CalendarEvents;
import org.duban.events.unit.UnitEvents;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** task-service's side of the events module: its topics are common's declared topics, every action has its type. */
class EventContractUseTest {

    @Test
    void theEventsModulesTopicsAreTheDeclaredTopics() {
        assertEquals(Topics.TASK_EVENTS, TaskEvents.TOPIC);
        assertEquals(Topics.UNITS, UnitEvents.UNITS_TOPIC);
        assertEquals(Topics.UNIT_GROUPS, UnitEvents.GROUPS_TOPIC);
        assertEquals(Topics.CALENDAR, CalendarEvents.TOPIC);
        EventCatalog.ALL.forEach(t -> assertTrue(Topics.named(t.topic()).isPresent(), t.name()));
    }

    @Test
    void everyLifecycleActionEmitsACataloguedTransitionType() {
        Set<String> types = new HashSet<>();
        for (Lifecycle.Action a : Lifecycle.Action.values()) {
            var type = TaskEvents.typeOf(a);
            assertTrue(types.add(type.name()), type.name());
            assertEquals(org.duban.events.task.TaskTransition.class, type.payload());
            assertTrue(org.duban.events.task.TaskEvents.TRANSITIONS.contains(type), type.name());
        }
    }
}
