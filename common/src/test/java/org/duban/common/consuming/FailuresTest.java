package org.duban.common.consuming;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.duban.common.consuming.Failures.Kind.PERMANENT;
import static org.duban.common.consuming.Failures.Kind.TRANSIENT;
import static org.duban.common.consuming.Failures.Kind.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        // as Hibernate and the transaction manager hand it over: a few layers deep
        return new IllegalStateException("commit failed", new RuntimeException("could not execute statement", cause));
    }

    @Test
    void anOutageOrARetryRequestIsTransient() {
        for (String state : new String[]{"08006", "08001", "08003", "57P01", "57P02", "57P03", "40001", "40P01", "53300"}) {
            assertEquals(TRANSIENT, Failures.classify(wrapped(new SQLException("x", state))), state);
        }
        assertEquals(TRANSIENT, Failures.classify(wrapped(new SQLException("Sorry, acquisition timeout!"))));
        assertEquals(TRANSIENT, Failures.classify(wrapped(new ConnectException("Connection refused"))));
    }

    @Test
    void dataTheDatabaseRefusesIsPermanent() {
        // 22021: invalid byte sequence for encoding "UTF8": 0x00 (a NUL in a title); 22008: date out of range
        for (String state : new String[]{"22021", "22008", "22001", "23502", "23514"}) {
            SQLException e = new SQLException("x", state);
            assertEquals(PERMANENT, Failures.classify(wrapped(e)), state);
            assertEquals(Poison.DATA_ERROR, Failures.reason(wrapped(e)));
            assertEquals(e, Failures.cause(wrapped(e)));
        }
    }

    @Test
    void aPoisonOrUnreadableJsonIsPermanentWithItsReason() {
        Poison p = new Poison(Poison.UNKNOWN_UNIT, "unit qqj is not in the unit replica");
        assertEquals(PERMANENT, Failures.classify(wrapped(p)));
        assertEquals(Poison.UNKNOWN_UNIT, Failures.reason(wrapped(p)));
        JsonParseException json = new JsonParseException(null, "Unexpected character");
        assertEquals(PERMANENT, Failures.classify(json));
        assertEquals(Poison.UNREADABLE, Failures.reason(json));
    }

    @Test
    void anOutageAnywhereInTheChainWinsOverADataError() {
        SQLException data = new SQLException("batch", "22021");
        data.setNextException(new SQLException("terminating connection due to administrator command", "57P01"));
        assertEquals(TRANSIENT, Failures.classify(data));
        assertEquals(TRANSIENT, Failures.classify(new SQLException("x", "23505", new SQLException("y", "08006"))));
    }

    @Test
    void anythingElseIsUnknownAndParkedAsFailed() {
        assertEquals(UNKNOWN, Failures.classify(new IllegalStateException("template exploded")));
        assertEquals(UNKNOWN, Failures.classify(new SQLException("no state")));
        assertEquals(Poison.FAILED, Failures.reason(new IllegalStateException("template exploded")));
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertEquals(UNKNOWN, Failures.classify(a));
        assertEquals(Poison.FAILED, Failures.reason(a));
    }
}
