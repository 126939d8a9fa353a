package org.duban.notification.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the feed: the notifications of some units (or all) after a position, in (xid, id) order,
 * where xid is the id of the transaction that wrote the row (a column default, V9).
 * <p>
 * Why not order by id or created_at: both are fixed before the writing transaction commits, so a row
 * can commit after a reader has gone past its place, and a cursor would skip it for ever. A row is
 * served only when its transaction is below the reading statement's snapshot xmin: every transaction
 * below xmin has ended (committed rows visible to the statement, rolled-back ones gone), and every
 * transaction still to commit has an id ≥ xmin — above every cursor this service ever handed out. So
 * nothing can later appear before a cursor. A committed row whose xid is not below xmin yet is held
 * back ({@link Read#heldBackSince}) until the older transactions it waits for end: that is the price,
 * latency, and a long-running write transaction anywhere on the PostgreSQL server (xids are
 * server-wide) stretches it. Reads run on a pooled connection for one statement, outside any
 * transaction: nothing is held between reads.
 */
@ApplicationScoped
public class FeedService {

    /** One position in (xid, id) order per statement; the ready prefix is served (see the class comment). */
    private static final String READ = """
            SELECT n.id, n.unit_code, n.event_id, n.event_type, n.task_id, n.assignment_id, n.title, n.body,
                   n.deadline, n.created_at, n.read_at IS NOT NULL AS read, n.reason, n.document_number,
                   n.lead_unit_name, n.link, n.xid::text AS xid,
                   n.xid < pg_snapshot_xmin(pg_current_snapshot()) AS ready
            FROM notification n
            WHERE (n.xid, n.id) > (CAST(? AS xid8), ?) %s
            ORDER BY n.xid, n.id
            LIMIT ?""";

    private static final String EVERY_UNIT = "";
    private static final String ONE_UNIT = "AND n.unit_code = ?";
    private static final String SOME_UNITS = "AND n.unit_code = ANY(?)";

    @Inject
    DataSource dataSource;

    /**
     * What a read found: the rows to serve (at most the limit asked), the position after the last
     * of them (or the one read from), and the creation time of the first committed row held back
     * by an older transaction still open (null: none).
     */
    public record Read(List<FeedApi.FeedItem> items, FeedCursor next, OffsetDateTime heldBackSince) {
        public boolean heldBack() {
            return heldBackSince != null;
        }
    }

    /**
     * The notifications of {@code units} ({@code null}: every unit) after {@code after}, oldest
     * first in the feed's order, at most {@code limit}.
     */
    public Read read(Set<String> units, FeedCursor after, int limit) {
        String filter = units == null ? EVERY_UNIT : units.size() == 1 ? ONE_UNIT : SOME_UNITS;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(READ.formatted(filter))) {
            int i = 1;
            s.setString(i++, Long.toString(after.xid()));
            s.setObject(i++, after.id());
            if (units != null && units.size() == 1) {
                s.setString(i++, units.iterator().next());
            } else if (units != null) {
                s.setArray(i++, c.createArrayOf("text", units.toArray()));
            }
            s.setInt(i, limit);
            List<FeedApi.FeedItem> items = new ArrayList<>();
            FeedCursor next = after;
            OffsetDateTime heldBackSince = null;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!r.getBoolean("ready")) {
                        // ordered by xid: every row after this one is held back too
                        heldBackSince = r.getObject("created_at", OffsetDateTime.class);
                        break;
                    }
                    UUID id = r.getObject("id", UUID.class);
                    next = new FeedCursor(Long.parseLong(r.getString("xid")), id);
                    items.add(new FeedApi.FeedItem(next.encode(), r.getString("unit_code"), id,
                            r.getString("event_id"), r.getString("event_type"),
                            r.getObject("task_id", UUID.class), r.getObject("assignment_id", UUID.class),
                            r.getString("title"), r.getString("body"), r.getObject("deadline", LocalDate.class),
                            r.getObject("created_at", OffsetDateTime.class), r.getBoolean("read"),
                            r.getString("reason"), r.getString("document_number"), r.getString("lead_unit_name"),
                            r.getString("link")));
                }
            }
            return new Read(items, next, heldBackSince);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the feed failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code cursor} can be a position this database handed out: its transaction id is one
     * PostgreSQL has assigned (below the current snapshot's xmax). A cursor from another database —
     * or from before a restore into a new cluster, whose transaction ids start again — is not.
     */
    public boolean issuedHere(FeedCursor cursor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT CAST(? AS xid8) < pg_snapshot_xmax(pg_current_snapshot())")) {
            s.setString(1, Long.toString(cursor.xid()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checking a feed cursor failed: " + e.getMessage(), e);
        }
    }
}
