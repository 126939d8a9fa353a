package org.duban.events.unit;

import org.duban.events.EventType;

import java.util.List;

/** The registry's snapshot topics, written by unit-registry-service, replicated by the other services. */
public final class UnitEvents {
    private UnitEvents() {
    }

    public static final String UNITS_TOPIC = "duban.units";
    public static final String GROUPS_TOPIC = "duban.unit-groups";

    public static final EventType<UnitSnapshot> UNIT_SNAPSHOT =
            new EventType<>("unit.snapshot", UNITS_TOPIC, UnitSnapshot.class);
    public static final EventType<UnitGroupSnapshot> GROUP_SNAPSHOT =
            new EventType<>("unit-group.snapshot", GROUPS_TOPIC, UnitGroupSnapshot.class);

    public static final List<EventType<?>> ALL = List.of(UNIT_SNAPSHOT, GROUP_SNAPSHOT);
}
