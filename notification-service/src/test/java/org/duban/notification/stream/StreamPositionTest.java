package org.duban.notification.stream;

import org.duban.notification.paging.InboxCursor;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live stream's position: the floor moves to the newest settled row sent, in PostgreSQL's order. */
class StreamPositionTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 2, 23, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void theFloorMovesToTheNewestSettledRowAndForgetsOnlyThose() {
        NotificationStreamResource.Position p = new NotificationStreamResource.Position();
        p.floor = new InboxCursor(T, new UUID(0, 0));
        InboxCursor old1 = new InboxCursor(T.plusSeconds(1), UUID.randomUUID());
        InboxCursor old2 = new InboxCursor(T.plusSeconds(2), UUID.randomUUID());
        InboxCursor recent = new InboxCursor(T.plusSeconds(10), UUID.randomUUID());
        p.sent.put(old2.id(), old2);
        p.sent.put(recent.id(), recent);
        p.sent.put(old1.id(), old1);
        p.settle(T.plusSeconds(5));
        assertEquals(old2, p.floor);
        assertEquals(java.util.Set.of(recent.id()), p.sent.keySet(), "the unsettled row is still remembered as sent");
    }

    @Test
    void idsOfOneInstantCompareAsPostgresqlComparesUuidsUnsignedBytes() {
        // PostgreSQL: 8000…  > 7fff… (unsigned); Java's UUID.compareTo says the opposite (signed)
        InboxCursor high = new InboxCursor(T, UUID.fromString("80000000-0000-0000-0000-000000000000"));
        InboxCursor low = new InboxCursor(T, UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"));
        assertTrue(NotificationStreamResource.ORDER.compare(high, low) > 0);
        NotificationStreamResource.Position p = new NotificationStreamResource.Position();
        p.floor = new InboxCursor(T.minusSeconds(1), new UUID(0, 0));
        p.sent.put(high.id(), high);
        p.sent.put(low.id(), low);
        p.settle(T.plusSeconds(1));
        assertEquals(high, p.floor);
    }

    @Test
    void rowsFromMemoryComeInTheInboxsOrderEachOnceAndNeverAtOrBelowTheFloor() {
        NotificationStreamResource.Position p = new NotificationStreamResource.Position();
        p.floor = new InboxCursor(T, UUID.fromString("00000000-0000-0000-0000-000000000005"));
        var atFloor = HandoverTest.row(T, p.floor.id());
        var sameInstantBelow = HandoverTest.row(T, UUID.fromString("00000000-0000-0000-0000-000000000004"));
        var high = HandoverTest.row(T.plusSeconds(1), UUID.fromString("80000000-0000-0000-0000-000000000000"));
        var low = HandoverTest.row(T.plusSeconds(1), UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"));
        var earlier = HandoverTest.row(T.plusNanos(1000), UUID.randomUUID()); // a transaction that committed later
        var sentByARead = HandoverTest.row(T.plusSeconds(2), UUID.randomUUID());
        p.sent.put(sentByARead.id, sentByARead.cursor());

        var fresh = p.fromMemory(java.util.List.of(high, atFloor, low, sentByARead, earlier, sameInstantBelow, high),
                T.minusSeconds(5));

        assertEquals(java.util.List.of(earlier, low, high), fresh);
        assertEquals(java.util.List.of(), p.fromMemory(java.util.List.of(low, high), T.minusSeconds(5)),
                "handed again: nothing twice");
    }

    @Test
    void rowsFromMemorySettleTheFloorAsAReadDoes() {
        NotificationStreamResource.Position p = new NotificationStreamResource.Position();
        p.floor = new InboxCursor(T, new UUID(0, 0));
        var old = HandoverTest.row(T.plusSeconds(1), UUID.randomUUID());
        var recent = HandoverTest.row(T.plusSeconds(10), UUID.randomUUID());
        p.fromMemory(java.util.List.of(recent, old), T.plusSeconds(5));
        assertEquals(old.cursor(), p.floor);
        assertEquals(java.util.Set.of(recent.id), p.sent.keySet());
    }
}
