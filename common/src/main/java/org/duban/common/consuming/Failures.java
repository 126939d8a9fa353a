package org.duban.common.consuming;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sorts the failure of applying a record. Pure. TRANSIENT: the database is away or asked for a retry
 * (it will pass by itself: retry in place, without limit); PERMANENT: this record will never apply
 * (give it up at once: park or skip it); UNKNOWN: retry a few times, then give it up.
 */
public final class Failures {

    public enum Kind { TRANSIENT, PERMANENT, UNKNOWN }

    /** SQLStates outside class 08 that go away by themselves. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "57P01", // admin_shutdown: the server is stopping (pg_ctl stop -m fast/immediate, pg_terminate_backend)
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: the server is starting
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "53300", // too_many_connections
            "53400"); // configuration_limit_exceeded

    private Failures() {
    }

    public static Kind classify(Throwable error) {
        boolean permanent = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
            Kind k = one(t);
            if (t instanceof SQLException s && s.getNextException() != null) {
                Kind next = classify(s.getNextException());
                k = next == Kind.TRANSIENT || k == Kind.UNKNOWN ? next : k;
            }
            // one outage anywhere in the chain makes the whole failure an outage: never park a good record for it
            if (k == Kind.TRANSIENT) {
                return Kind.TRANSIENT;
            }
            permanent |= k == Kind.PERMANENT;
        }
        return permanent ? Kind.PERMANENT : Kind.UNKNOWN;
    }

    private static Kind one(Throwable t) {
        if (t instanceof Poison || t instanceof JsonProcessingException) {
            return Kind.PERMANENT;
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof SocketException) {
            return Kind.TRANSIENT;
        }
        if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
            return Kind.TRANSIENT;
        }
        if (t instanceof SQLException s) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
                return Kind.TRANSIENT;
            }
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return Kind.PERMANENT;
            }
            // Agroal: "Sorry, acquisition timeout!" (no SQLState): every connection busy or the server unreachable
            String m = s.getMessage();
            if (m != null && m.toLowerCase().contains("acquisition timeout")) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNKNOWN;
    }

    /** The reason a PERMANENT or given-up failure is parked under. */
    public static String reason(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof Poison p) {
                return p.reason();
            }
            if (t instanceof JsonProcessingException) {
                return Poison.UNREADABLE;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                return Poison.DATA_ERROR;
            }
        }
        return Poison.FAILED;
    }

    /** The most telling link of the chain: the SQLException or the Poison if there is one, else the root. */
    public static Throwable cause(Throwable error) {
        Throwable last = error;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof Poison || t instanceof SQLException || t instanceof JsonProcessingException) {
                return t;
            }
            last = t;
        }
        return last;
    }
}
