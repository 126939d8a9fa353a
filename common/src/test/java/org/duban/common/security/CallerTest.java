package org.duban.common.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each role may read and act for, decided in one place. */
class CallerTest {

    private static Caller caller(String role, String... units) {
        return new Caller(role + ":x", Set.of(role), Set.of(units));
    }

    @Test
    void theSupervisorReadsAndActsForEveryUnit() {
        Caller c = caller(Caller.SUPERVISOR);
        assertTrue(c.mayActFor("sfj"));
        assertTrue(c.mayRead("czj"));
        assertNull(c.readableUnits());
    }

    @Test
    void aViewerReadsEveryUnitButActsForNone() {
        Caller c = caller(Caller.VIEWER);
        assertTrue(c.mayRead("sfj"));
        assertFalse(c.mayActFor("sfj"));
        assertNull(c.readableUnits());
    }

    @Test
    void aUnitOperatorReadsAndActsForItsOwnUnitOnly() {
        Caller c = caller(Caller.UNIT_OPERATOR, "sfj");
        assertTrue(c.mayActFor("sfj"));
        assertTrue(c.mayRead("sfj"));
        assertFalse(c.mayActFor("czj"));
        assertFalse(c.mayRead("czj"));
        assertFalse(c.mayRead(null));
        assertEquals(Set.of("sfj"), c.readableUnits());
    }

    @Test
    void anIntegrationActsForTheUnitsItsTokenLists() {
        Caller c = caller(Caller.INTEGRATION, "sfj", "czj");
        assertTrue(c.mayActFor("sfj"));
        assertTrue(c.mayActFor("czj"));
        assertFalse(c.mayActFor("xzq"));
        assertEquals(Set.of("sfj", "czj"), c.readableUnits());
    }

    @Test
    void aTokenWithoutAKnownRoleMayNothing() {
        Caller c = new Caller("someone", Set.of("guest"), Set.of("sfj"));
        assertFalse(c.mayActFor("sfj"));
        assertFalse(c.mayRead("sfj"));
        assertEquals(Set.of(), c.readableUnits());
        assertFalse(Caller.ANONYMOUS.mayRead("sfj"));
    }

    @Test
    void theIdempotencyScopeChangesWithTheSubjectsRolesOrUnitsButNotTheirOrder() {
        Caller forSfj = new Caller("integration:oa", Set.of(Caller.INTEGRATION), Set.of("sfj", "jtj"));
        assertEquals(forSfj.idempotencyScope(),
                new Caller("integration:oa", Set.of(Caller.INTEGRATION), Set.of("jtj", "sfj")).idempotencyScope());
        assertFalse(forSfj.idempotencyScope().equals(
                new Caller("integration:oa", Set.of(Caller.INTEGRATION), Set.of("sfj")).idempotencyScope()));
        assertFalse(forSfj.idempotencyScope().equals(
                new Caller("integration:oa", Set.of(Caller.VIEWER), Set.of("sfj", "jtj")).idempotencyScope()));
        assertFalse(forSfj.idempotencyScope().equals(
                new Caller("integration:crm", Set.of(Caller.INTEGRATION), Set.of("sfj", "jtj")).idempotencyScope()));
        assertTrue(forSfj.idempotencyScope().startsWith("sub:integration:oa "));
    }
}
