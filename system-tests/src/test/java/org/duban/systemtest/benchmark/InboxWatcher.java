package org.duban.systemtest.benchmark;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sees inbox rows commit in notification-service's database, for the watched units (every unit when none is
 * named): it LISTENs on the channel notification-service NOTIFYs in every transaction that writes inbox rows
 * ({@code duban_inbox}, the cross-replica push signal; PostgreSQL delivers a NOTIFY when its transaction commits),
 * and on each notification reads the new rows (on the inbox index: unit, created_at) and notes each new one in
 * {@link #arrivals} with the time the notification was received — the commit as the harness sees it, without a
 * poll's granularity. Without notifications it reads every {@link #BACKSTOP_MS} ms anyway (a row whose NOTIFY was
 * missed is then found late, never lost). {@code created_at} is set before the commit, so each read looks back
 * {@link #LOOK_BACK_MS} ms behind the newest row it saw: a row committed late is still found.
 *
 * <p>Before (issue 16, h16relay) it polled the table every 5 ms: 200 queries a second for the whole run, whose
 * cost (its PostgreSQL backend and its thread) was part of what the harness measured; now it queries once per
 * inbox commit.
 */
final class InboxWatcher implements AutoCloseable {

    static final String CHANNEL = "duban_inbox";
    static final int BACKSTOP_MS = 1_000;
    static final long LOOK_BACK_MS = 5_000;

    final Arrivals arrivals = new Arrivals("inbox");
    private final Connection db;
    private final String[] units;
    private final Set<String> seen = new HashSet<>();
    private final long backendPid;
    private final Thread thread;
    private volatile boolean closed;
    volatile Throwable broken;

    InboxWatcher(String jdbcUrl, String user, String password, List<String> units) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        this.units = units.toArray(String[]::new);
        try (Statement s = db.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getLong(1);
            }
        }
        thread = new Thread(this::run, "inbox-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The PostgreSQL backend process serving this watcher (ProcessCpu counts its CPU apart). */
    long backendPid() {
        return backendPid;
    }

    private void run() {
        OffsetDateTime newest = null;
        PGConnection listening;
        try (PreparedStatement q = db.prepareStatement("""
                SELECT CAST(id AS text), CAST(task_id AS text), unit_code, event_type, document_number, created_at
                FROM notification WHERE channel = 'inbox' AND (cardinality(CAST(? AS text[])) = 0 OR unit_code = ANY(?))
                AND created_at > COALESCE(CAST(? AS timestamptz), now()) - make_interval(secs => ?)""")) {
            listening = db.unwrap(PGConnection.class);
            q.setArray(1, db.createArrayOf("text", units));
            q.setArray(2, db.createArrayOf("text", units));
            q.setDouble(4, LOOK_BACK_MS / 1000.0);
            while (!closed) {
                // blocks until a NOTIFY arrives (or the backstop's time is up); all that arrived are taken at once
                PGNotification[] signals = listening.getNotifications(BACKSTOP_MS);
                long at = System.nanoTime();
                if (closed) {
                    break;
                }
                q.setObject(3, newest);
                try (ResultSet rs = q.executeQuery()) {
                    long read = System.nanoTime();
                    while (rs.next()) {
                        OffsetDateTime created = rs.getObject(6, OffsetDateTime.class);
                        if (newest == null || created.isAfter(newest)) {
                            newest = created;
                        }
                        if (seen.add(rs.getString(1))) {
                            // a row found by the backstop read (no signal) counts from the read
                            arrivals.add(new Arrivals.Arrival(rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(1), rs.getString(5), signals == null || signals.length == 0 ? read : at));
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (!closed) {
                broken = e;
            }
        }
    }

    /**
     * The exact count of inbox rows of {@code type} per task (of these), read at once from the database:
     * what loss and duplicates are judged by, independent of the watcher's polling.
     */
    static Map<String, Integer> rowsPerTask(Connection c, List<String> taskIds, String type) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT CAST(task_id AS text), count(*) FROM notification
                WHERE channel = 'inbox' AND event_type = ? AND task_id = ANY(CAST(? AS uuid[])) GROUP BY task_id""")) {
            q.setString(1, type);
            q.setArray(2, c.createArrayOf("text", taskIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        try {
            thread.join(2 * BACKSTOP_MS + 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
