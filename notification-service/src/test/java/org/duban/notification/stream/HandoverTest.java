package org.duban.notification.stream;

import org.duban.notification.inbox.Notification;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hcons3: what a live stream is handed from memory, and when it must read the inbox instead. */
class HandoverTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 3, 14, 0, 0, 0, ZoneOffset.UTC);

    static Notification row(OffsetDateTime at, UUID id) {
        Notification n = new Notification();
        n.id = id;
        n.unitCode = "sj-jyj";
        n.title = "请于年底前完成";
        n.createdAt = at;
        return n;
    }

    @Test
    void theFirstTurnReadsAndRowsHandedBeforeItAreLeftToThatRead() {
        Handover h = new Handover();
        h.hand(List.of(row(T, UUID.randomUUID()))); // committed before the stream's first read: the read finds it
        Handover.Turn first = h.take();
        assertTrue(first.read());
        assertEquals(List.of(), first.rows());
    }

    @Test
    void rowsHandedBetweenTurnsComeFromMemoryWithoutARead() {
        Handover h = new Handover();
        h.take();
        Notification a = row(T, UUID.randomUUID());
        Notification b = row(T.plusNanos(1000), UUID.randomUUID());
        h.hand(List.of(a));
        h.hand(List.of(b));
        Handover.Turn t = h.take();
        assertFalse(t.read());
        assertEquals(List.of(a, b), t.rows());
        assertTrue(h.take().read(), "a turn with nothing handed (the backstop) reads");
    }

    @Test
    void aCommitMemoryDidNotSeeMakesTheNextTurnReadAndDropsWhatWasHanded() {
        Handover h = new Handover();
        h.take();
        h.hand(List.of(row(T, UUID.randomUUID())));
        h.mustRead(); // another replica's NOTIFY
        h.hand(List.of(row(T.plusSeconds(1), UUID.randomUUID()))); // committed before the read starts: it finds it
        Handover.Turn t = h.take();
        assertTrue(t.read());
        assertEquals(List.of(), t.rows());
        Notification after = row(T.plusSeconds(2), UUID.randomUUID());
        h.hand(List.of(after));
        assertEquals(List.of(after), h.take().rows(), "after the read, memory serves again");
    }

    @Test
    void moreRowsThanItHoldsIsAGapTheNextTurnReads() {
        Handover h = new Handover(2);
        h.take();
        h.hand(List.of(row(T, UUID.randomUUID()), row(T, UUID.randomUUID())));
        assertFalse(h.take().read(), "exactly the capacity still comes from memory");
        h.hand(List.of(row(T, UUID.randomUUID()), row(T, UUID.randomUUID())));
        h.hand(List.of(row(T, UUID.randomUUID())));
        assertTrue(h.take().read(), "one more than the capacity: a read");
    }
}
