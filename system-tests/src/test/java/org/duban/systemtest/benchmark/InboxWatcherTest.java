package org.duban.systemtest.benchmark;

import org.duban.infra.TestInfra;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox watcher's read boundary ({@link InboxWatcher#read}), on the real embedded PostgreSQL, in a table shaped
 * like notification-service's {@code notification} (the columns the watcher reads): a row created before one already
 * seen but committed after it is still found, and a read after the fence returns only the rows that are new.
 */
class InboxWatcherTest {

    static final String[] UNITS = {"基准单位甲"};

    private final TestInfra infra = TestInfra.get();
    private final String url = infra.database("duban_inbox_watcher");

    @BeforeEach
    void table() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS notification (id uuid PRIMARY KEY, task_id uuid, unit_code text NOT NULL,
                        channel text NOT NULL, event_type text NOT NULL, document_number text, created_at timestamptz NOT NULL)""");
            s.execute("TRUNCATE notification");
        }
    }

    @Test
    void aRowCreatedBeforeOneSeenButCommittedAfterItIsFound() throws SQLException {
        try (Connection reader = connect(); Connection slow = connect(); Connection fast = connect();
             PreparedStatement q = InboxWatcher.prepare(reader, UNITS)) {
            InboxWatcher.Read first = InboxWatcher.read(q, null);
            assertEquals(List.of(), ids(first));
            slow.setAutoCommit(false);
            // the slow transaction's row is created first (an earlier created_at) and commits last
            String early = insert(slow, UNITS[0], "now() - interval '1 second'")[0];
            String late = insert(fast, UNITS[0], "now()")[0];

            InboxWatcher.Read seenLate = InboxWatcher.read(q, first.fence());
            assertEquals(List.of(late), ids(seenLate));

            slow.commit();
            InboxWatcher.Read next = InboxWatcher.read(q, seenLate.fence());
            assertTrue(ids(next).contains(early), "the row committed after a newer one was seen: " + ids(next));
        }
    }

    @Test
    void aReadAfterTheFenceReturnsOnlyTheNewRows() throws Exception {
        try (Connection reader = connect(); Connection writer = connect();
             PreparedStatement q = InboxWatcher.prepare(reader, UNITS)) {
            List<String> old = new ArrayList<>();
            long lastXid = 0;
            for (int i = 0; i < 20; i++) {
                String[] row = insert(writer, UNITS[0], "now()");
                old.add(row[0]);
                lastXid = Long.parseLong(row[1]);
            }
            insert(writer, "另一单位", "now()");
            InboxWatcher.Read all = InboxWatcher.read(q, null);
            assertEquals(old.stream().sorted().toList(), ids(all).stream().sorted().toList(), "the first read: every row of the unit");

            // once no transaction older than the old rows runs (on this shared server another may, for a moment),
            // the fence is past them
            InboxWatcher.Read r = all;
            long until = System.nanoTime() + 10_000_000_000L;
            while (r.fence().xmin() <= lastXid && System.nanoTime() < until) {
                Thread.sleep(50);
                r = InboxWatcher.read(q, r.fence());
            }
            assertTrue(r.fence().xmin() > lastXid, "the fence " + r.fence() + " passed the old rows' transactions (" + lastXid + ")");

            String fresh = insert(writer, UNITS[0], "now()")[0];
            assertEquals(List.of(fresh), ids(InboxWatcher.read(q, r.fence())), "the read after the fence: the new row only");
        }
    }

    /** Inserts an inbox row of {@code unit} created at {@code createdAt} (SQL); returns [its id, its xmin]. */
    private static String[] insert(Connection c, String unit, String createdAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO notification (id, task_id, unit_code, channel, event_type, created_at)
                VALUES (gen_random_uuid(), gen_random_uuid(), ?, 'inbox', 'task.assigned', %s)
                RETURNING CAST(id AS text), CAST(CAST(xmin AS text) AS bigint)""".formatted(createdAt))) {
            p.setString(1, unit);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static List<String> ids(InboxWatcher.Read r) {
        return r.rows().stream().map(InboxWatcher.Row::id).toList();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, infra.dbUser(), infra.dbPassword());
    }
}
