package org.duban.systemtest.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sees inbox rows commit in notification-service's database: polls its {@code notification} table for
 * the watched units (every unit when none is named) every {@link #PAUSE_MS} ms (on the inbox index: unit, created_at) and notes each
 * new row in {@link #arrivals} when a poll first returns it. A row is seen at most one pause plus one
 * query after its commit. {@code created_at} is set before the commit, so each poll looks back
 * {@link #LOOK_BACK_MS} ms behind the newest row it saw: a row committed late is still found.
 */
final class InboxWatcher implements AutoCloseable {

    static final long PAUSE_MS = 5;
    static final long LOOK_BACK_MS = 5_000;

    final Arrivals arrivals = new Arrivals("inbox");
    private final Connection db;
    private final String[] units;
    private final Set<String> seen = new HashSet<>();
    private final Thread thread;
    private volatile boolean closed;
    volatile Throwable broken;

    InboxWatcher(String jdbcUrl, String user, String password, List<String> units) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        this.units = units.toArray(String[]::new);
        thread = new Thread(this::run, "inbox-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        OffsetDateTime newest = null;
        try (PreparedStatement q = db.prepareStatement("""
                SELECT CAST(id AS text), CAST(task_id AS text), unit_code, event_type, document_number, created_at
                FROM notification WHERE channel = 'inbox' AND (cardinality(CAST(? AS text[])) = 0 OR unit_code = ANY(?))
                AND created_at > COALESCE(CAST(? AS timestamptz), now()) - make_interval(secs => ?)""")) {
            q.setArray(1, db.createArrayOf("text", units));
            q.setArray(2, db.createArrayOf("text", units));
            q.setDouble(4, LOOK_BACK_MS / 1000.0);
            while (!closed) {
                q.setObject(3, newest);
                try (ResultSet rs = q.executeQuery()) {
                    long at = System.nanoTime();
                    while (rs.next()) {
                        OffsetDateTime created = rs.getObject(6, OffsetDateTime.class);
                        if (newest == null || created.isAfter(newest)) {
                            newest = created;
                        }
                        if (seen.add(rs.getString(1))) {
                            arrivals.add(new Arrivals.Arrival(rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(1), rs.getString(5), at));
                        }
                    }
                }
                Thread.sleep(PAUSE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
