package org.duban.notification.inbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the round trips one thread makes to PostgreSQL while open: the driver's Sync messages, read from PgJDBC's
 * own protocol log (FINEST, switched on only meanwhile). A Sync ends what the driver sends at once — one statement,
 * several statements of one call, or a JDBC batch (which the driver cuts with a Sync every 256 rows or so) — and the
 * driver then waits for the server's answers: each is one wait for the database, and under load one wait for a core.
 * The statements parsed are kept too, to say which round trips a count holds. Not counted: the driver's own look-up
 * of a type the connection has not met yet ({@code pg_catalog.pg_type}, once per pooled connection), which would make
 * a count depend on which connection the pool handed out.
 */
final class RoundTrips implements AutoCloseable {

    private static final Logger PG = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private final Thread thread = Thread.currentThread();
    private final Level level = PG.getLevel();
    private final boolean parents = PG.getUseParentHandlers();
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private int syncs;
    private boolean catalog;

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (Thread.currentThread() != thread || r.getMessage() == null) {
                return;
            }
            if (r.getMessage().startsWith(" FE=> Sync")) {
                if (!catalog) {
                    syncs++;
                }
                catalog = false;
            } else if (r.getMessage().startsWith(" FE=> Parse(")) {
                String m = r.getMessage().replaceAll("\\s+", " ");
                // the driver's own look-up of a type it meets first on this connection (once per connection)
                catalog |= m.contains("pg_catalog.pg_type");
                int q = m.indexOf("query=\"");
                statements.add(q < 0 ? m : m.substring(q + 7, Math.min(m.length(), q + 7 + 60)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts counting this thread's round trips. */
    RoundTrips() {
        PG.setUseParentHandlers(false); // the protocol log is for this count, not for the test's console
        PG.addHandler(handler);
        PG.setLevel(Level.FINEST);
    }

    /** Round trips so far. */
    int count() {
        return syncs;
    }

    /** The statements parsed so far (a statement the driver has prepared already is not parsed again). */
    List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    @Override
    public void close() {
        PG.setLevel(level);
        PG.removeHandler(handler);
        PG.setUseParentHandlers(parents);
    }
}
