package org.duban.task.task;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.duban.task.task.Assignment.State.*;
import static org.duban.task.task.Lifecycle.Action.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every state × every action: the allowed ones lead where the table says, the others are refused. */
class LifecycleTest {

    /** The expected machine, written out independently of Lifecycle's own table. */
    private static final Map<Assignment.State, Map<Lifecycle.Action, Assignment.State>> EXPECTED = new EnumMap<>(Assignment.State.class);

    static {
        EXPECTED.put(ASSIGNED, Map.of(ACCEPT, ACCEPTED, RETURN, RETURNED, URGE, ASSIGNED,
                CHANGE_DEADLINE, ASSIGNED, CANCEL, CANCELLED, APPROVE_EXTENSION, ASSIGNED, REJECT_EXTENSION, ASSIGNED));
        EXPECTED.put(ACCEPTED, Map.of(REPORT_PROGRESS, IN_PROGRESS, SUBMIT, SUBMITTED, RETURN, RETURNED,
                REQUEST_EXTENSION, ACCEPTED, APPROVE_EXTENSION, ACCEPTED, REJECT_EXTENSION, ACCEPTED,
                URGE, ACCEPTED, CHANGE_DEADLINE, ACCEPTED, CANCEL, CANCELLED));
        EXPECTED.put(IN_PROGRESS, Map.of(REPORT_PROGRESS, IN_PROGRESS, SUBMIT, SUBMITTED,
                REQUEST_EXTENSION, IN_PROGRESS, APPROVE_EXTENSION, IN_PROGRESS, REJECT_EXTENSION, IN_PROGRESS,
                URGE, IN_PROGRESS, CHANGE_DEADLINE, IN_PROGRESS, CANCEL, CANCELLED));
        EXPECTED.put(SUBMITTED, Map.of(COMPLETE, COMPLETED, SEND_BACK, IN_PROGRESS, APPROVE_EXTENSION, SUBMITTED,
                REJECT_EXTENSION, SUBMITTED, CHANGE_DEADLINE, SUBMITTED, CANCEL, CANCELLED));
        EXPECTED.put(COMPLETED, Map.of());
        EXPECTED.put(RETURNED, Map.of());
        EXPECTED.put(CANCELLED, Map.of());
    }

    @Test
    void everyStateAndActionIsAllowedOrRefusedAsTheTableSays() {
        int allowed = 0;
        int refused = 0;
        for (Assignment.State s : Assignment.State.values()) {
            Map<Lifecycle.Action, Assignment.State> row = EXPECTED.get(s);
            for (Lifecycle.Action a : Lifecycle.Action.values()) {
                if (row.containsKey(a)) {
                    assertEquals(row.get(a), Lifecycle.next(s, a), s + " × " + a);
                    allowed++;
                } else {
                    Lifecycle.IllegalTransition e = assertThrows(Lifecycle.IllegalTransition.class,
                            () -> Lifecycle.next(s, a), s + " × " + a + " must be refused");
                    assertEquals(s, e.state);
                    assertEquals(a, e.action);
                    assertEquals(row.keySet(), e.allowed, "the refusal names the allowed actions of " + s);
                    refused++;
                }
            }
            assertEquals(row.keySet(), Lifecycle.allowed(s));
        }
        assertEquals(7 * 12, allowed + refused);
    }

    @Test
    void closedStatesAllowNothingAndOpenStatesCanBeCancelled() {
        Set<Assignment.State> closed = EnumSet.of(COMPLETED, RETURNED, CANCELLED);
        for (Assignment.State s : Assignment.State.values()) {
            assertEquals(closed.contains(s), Lifecycle.isClosed(s));
            assertEquals(closed.contains(s), Lifecycle.allowed(s).isEmpty());
            if (!closed.contains(s)) {
                assertEquals(CANCELLED, Lifecycle.next(s, CANCEL));
            }
        }
    }

    @Test
    void actionsHaveDistinctSlugsAndEventTypes() {
        Set<String> slugs = new java.util.HashSet<>();
        Set<String> types = new java.util.HashSet<>();
        for (Lifecycle.Action a : Lifecycle.Action.values()) {
            slugs.add(a.slug());
            types.add(TaskEvents.typeOf(a).name());
        }
        assertEquals(Lifecycle.Action.values().length, slugs.size());
        assertEquals(Lifecycle.Action.values().length, types.size());
    }
}
