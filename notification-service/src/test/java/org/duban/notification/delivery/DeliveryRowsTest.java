package org.duban.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.common.tracing.StoredTrace;
import org.duban.notification.inbox.TaskEvents;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hrows (issue 16): {@link DeliveryRows#insert} writes any number of rows in one statement — past the 256 rows at
 * which PgJDBC cut the JDBC batch it replaced — and still says, row by row, which it wrote and which were there
 * already (the key event, unit, channel, target), which the digest relies on to send nothing twice. Each test runs in
 * a transaction it rolls back: no row is left for the delivery worker.
 */
@QuarkusTest
class DeliveryRowsTest {

    @Inject
    Session session;

    private static DeliveryRows.Row digestItem(String unit, String event, OffsetDateTime at) {
        return new DeliveryRows.Row(UUID.randomUUID(), null, event, "task.assigned", unit, Delivery.DIGEST, "-", null,
                "标题", "{\"title\":\"标题\"}", Delivery.Status.QUEUED, at, null, null);
    }

    /** Runs {@code test} in a transaction that is rolled back, whatever happens: nothing is left for the worker. */
    private static void inRolledBackTransaction(Runnable test) {
        QuarkusTransaction.begin();
        try {
            test.run();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private int[] insert(List<DeliveryRows.Row> rows) {
        return session.doReturningWork(c -> DeliveryRows.insert(c, rows));
    }

    @Test
    void moreRowsThanTheDriversBatchCutAreWrittenAndThoseThereAlreadyAreCountedZero() {
        String unit = TaskEvents.unknownUnit();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        inRolledBackTransaction(() -> {
            List<DeliveryRows.Row> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                rows.add(digestItem(unit, "e" + i, at.plusNanos(i * 1000L)));
            }
            int[] first = insert(rows);
            assertEquals(300, first.length);
            assertTrue(java.util.stream.IntStream.of(first).allMatch(n -> n == 1), "every row new");
            assertEquals(300L, Delivery.count("unitCode", unit));

            // the same keys again under new ids, and one new key: only that one is written
            List<DeliveryRows.Row> again = new ArrayList<>();
            for (int i = 298; i < 301; i++) {
                again.add(digestItem(unit, "e" + i, at));
            }
            assertArrayEquals(new int[] {0, 0, 1}, insert(again));
            // the same key twice in one call: written once
            assertArrayEquals(new int[] {1, 0}, insert(List.of(digestItem(unit, "e301", at), digestItem(unit, "e301", at))));
            assertEquals(302L, Delivery.count("unitCode", unit));
        });
    }

    @Test
    void everyColumnIsWrittenAsBound() {
        String unit = TaskEvents.unknownUnit();
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 3, 3, 4, 5, 123_456_000, ZoneOffset.ofHours(8));
        DeliveryRows.Row email = new DeliveryRows.Row(UUID.randomUUID(), null, "digest:" + unit, "digest", unit,
                Delivery.EMAIL, unit + "@units.example", null, "【督办】汇总", "正文", Delivery.Status.PENDING, at,
                new StoredTrace("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v"),
                LocalDate.of(2026, 12, 3));
        DeliveryRows.Row item = digestItem(unit, "e1", at);
        inRolledBackTransaction(() -> {
            assertArrayEquals(new int[] {1, 1}, insert(List.of(email, item)));
            session.doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        SELECT event_id, event_type, channel, target, endpoint_id, subject, payload, status, attempts,
                               next_attempt_at, created_at, traceparent, tracestate, digest_date, notification_id
                        FROM delivery WHERE id = ?""")) {
                    st.setObject(1, email.id());
                    try (ResultSet rs = st.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("digest:" + unit, rs.getString(1));
                        assertEquals("digest", rs.getString(2));
                        assertEquals(Delivery.EMAIL, rs.getString(3));
                        assertEquals(unit + "@units.example", rs.getString(4));
                        assertNull(rs.getObject(5));
                        assertEquals("【督办】汇总", rs.getString(6));
                        assertEquals("正文", rs.getString(7));
                        assertEquals("PENDING", rs.getString(8));
                        assertEquals(0, rs.getInt(9));
                        assertEquals(at.toInstant(), rs.getObject(10, OffsetDateTime.class).toInstant(), "due at once");
                        assertEquals(at.toInstant(), rs.getObject(11, OffsetDateTime.class).toInstant());
                        assertEquals("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", rs.getString(12));
                        assertEquals("k=v", rs.getString(13));
                        assertEquals(LocalDate.of(2026, 12, 3), rs.getObject(14, LocalDate.class));
                        assertNull(rs.getObject(15));
                    }
                    st.setObject(1, item.id());
                    try (ResultSet rs = st.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("QUEUED", rs.getString(8));
                        assertNull(rs.getObject(10), "a digest item waits for its digest");
                        assertNull(rs.getObject(12));
                        assertNull(rs.getObject(14));
                    }
                }
            });
        });
    }
}
