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
import java.util.ArrayList;
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
 * missed is then found late, never lost).
 *
 * <p><b>What a read returns</b> ({@link #read}): only rows that may be new. {@code created_at} is set before the
 * commit (by the service's clock, before or inside its transaction), so a row created earlier may commit later than
 * one already seen: the newest {@code created_at} seen is no boundary. The transaction ids are: each read also
 * returns its own snapshot's {@code xmin} — the oldest transaction still running when it read (every older one had
 * ended: committed or rolled back) — and the next read takes only rows written by that transaction or a later one.
 * <em>Why nothing is lost:</em> a row the read did not see was not committed in its snapshot, so the transaction
 * that wrote it was then either running (its id ≥ the snapshot's xmin, which is the least running id) or not yet
 * begun (its id ≥ the snapshot's xmax ≥ xmin); either way the next read's filter keeps it. What a read returns again
 * are only rows of transactions that ran beside the oldest one still running at the last read (deduplicated by
 * id, {@link #seen}): with short transactions, the last NOTIFY's rows and little else — before, every read returned
 * every row of the 5 s look-back (780 rows a call in the tenth session's sustained phase, ~0.5 ms of PostgreSQL time
 * per created task). Ids are compared with {@code age()}, modulo 2^32 as PostgreSQL's own, so wraparound does no
 * harm. The {@link #LOOK_BACK_MS} ms look-back behind the newest row seen stays as the index's range (the filter on
 * ids needs a range to scan) and as the read's assumption, as before: a row committed more than 5 s after its
 * {@code created_at} is not seen (its loss is judged by {@link #rowsPerTask} anyway). InboxWatcherTest shows both:
 * a row created before a seen one but committed after it is found, and a read after the fence returns only new rows.
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
    /** Reads made and rows they returned (before deduplication): what the watcher costs PostgreSQL. */
    volatile long reads;
    volatile long rowsRead;

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

    /** An inbox row as a read returns it. */
    record Row(String id, String taskId, String unit, String type, String documentNumber, OffsetDateTime createdAt) {
    }

    /**
     * One read: the rows that may be new since the read that returned {@code after} (null: the first read), and
     * this read's own fence for the next one (see the class comment).
     */
    record Read(List<Row> rows, Fence fence) {
    }

    /**
     * Where the next read starts: the oldest transaction running at the last read (32 bits of its id, as the rows'
     * {@code xmin}), and the newest {@code created_at} seen (the look-back's anchor; null: none yet).
     */
    record Fence(long xmin, OffsetDateTime newest) {
    }

    /** The statement of {@link #read}, prepared on {@code c}. */
    static PreparedStatement prepare(Connection c, String[] units) throws SQLException {
        PreparedStatement q = c.prepareStatement("""
                SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text), CAST(n.id AS text), CAST(n.task_id AS text),
                       n.unit_code, n.event_type, n.document_number, n.created_at
                FROM (SELECT 1) AS one LEFT JOIN notification n ON n.channel = 'inbox'
                    AND (cardinality(CAST(? AS text[])) = 0 OR n.unit_code = ANY(?))
                    AND n.created_at > COALESCE(CAST(? AS timestamptz), now()) - make_interval(secs => ?)
                    AND (CAST(? AS text) IS NULL OR age(n.xmin) <= age(CAST(CAST(? AS text) AS xid)))""");
        q.setArray(1, c.createArrayOf("text", units));
        q.setArray(2, c.createArrayOf("text", units));
        q.setDouble(4, LOOK_BACK_MS / 1000.0);
        return q;
    }

    /** Reads with {@code q} ({@link #prepare}) the rows that may be new after {@code after} (null: the first read). */
    static Read read(PreparedStatement q, Fence after) throws SQLException {
        String xmin = after == null ? null : Long.toString(after.xmin());
        q.setObject(3, after == null ? null : after.newest());
        q.setString(5, xmin);
        q.setString(6, xmin);
        List<Row> rows = new ArrayList<>();
        long fence = -1;
        OffsetDateTime newest = after == null ? null : after.newest();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                // xid8 (with its epoch) to the 32 bits a row's xmin has
                fence = Long.parseLong(rs.getString(1)) & 0xFFFF_FFFFL;
                if (rs.getString(2) == null) {
                    continue;
                }
                Row r = new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class));
                rows.add(r);
                if (newest == null || r.createdAt().isAfter(newest)) {
                    newest = r.createdAt();
                }
            }
        }
        return new Read(rows, new Fence(fence, newest));
    }

    private void run() {
        Fence fence = null;
        PGConnection listening;
        try (PreparedStatement q = prepare(db, units)) {
            listening = db.unwrap(PGConnection.class);
            while (!closed) {
                // blocks until a NOTIFY arrives (or the backstop's time is up); all that arrived are taken at once
                PGNotification[] signals = listening.getNotifications(BACKSTOP_MS);
                long at = System.nanoTime();
                if (closed) {
                    break;
                }
                Read r = read(q, fence);
                long read = System.nanoTime();
                fence = r.fence();
                reads++;
                rowsRead += r.rows().size();
                for (Row row : r.rows()) {
                    if (seen.add(row.id())) {
                        // a row found by the backstop read (no signal) counts from the read
                        arrivals.add(new Arrivals.Arrival(row.taskId(), row.unit(), row.type(), row.id(),
                                row.documentNumber(), signals == null || signals.length == 0 ? read : at));
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
