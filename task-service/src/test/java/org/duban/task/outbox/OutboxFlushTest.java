package org.duban.task.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.outbox.Outbox;
import org.duban.task.calendar.CalendarDay;
import org.duban.common.calendar.DayKind;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: adding an event does not flush the caller's persistence context (Hibernate flushed everything
 * before each native insert of the outbox: a dirty check of every managed entity per event). The
 * caller's changes are flushed once, at commit, in the same transaction as the event.
 */
@QuarkusTest
class OutboxFlushTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Test
    void addingEventsLeavesTheCallersPendingChangesForTheCommit() {
        LocalDate day = LocalDate.of(2099, 1, 2);
        QuarkusTransaction.begin();
        try {
            CalendarDay d = new CalendarDay();
            d.day = day;
            d.kind = DayKind.HOLIDAY;
            d.name = "测试假日";
            d.source = CalendarDay.Source.API;
            d.updatedAt = OffsetDateTime.now();
            d.persist();

            outbox.add("duban.task-events", "flush-test", "test.flush", "f", Map.of("n", 1));
            Outbox.Batch batch = new Outbox.Batch();
            batch.add("duban.task-events", "flush-test", "test.flush", "g", Map.of("n", 2));
            outbox.addAll(batch, OffsetDateTime.now());

            assertTrue(em.unwrap(Session.class).isDirty(), "the pending insert is still pending: nothing was flushed");
        } finally {
            QuarkusTransaction.rollback(); // leaves nothing behind
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> CalendarDay.count("day", day)));
    }

    @Test
    void theCallersChangesAndTheEventCommitTogether() {
        LocalDate day = LocalDate.of(2099, 1, 3);
        QuarkusTransaction.requiringNew().run(() -> {
            CalendarDay d = new CalendarDay();
            d.day = day;
            d.kind = DayKind.HOLIDAY;
            d.name = "测试假日";
            d.source = CalendarDay.Source.API;
            d.updatedAt = OffsetDateTime.now();
            d.persist();
            outbox.add("duban.task-events", "flush-test-" + day, "test.flush", "h", Map.of("n", 3));
        });
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(1L, CalendarDay.count("day", day));
            assertEquals(1L, ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE record_key = ?1")
                    .setParameter(1, "flush-test-" + day).getSingleResult()).longValue());
            CalendarDay.delete("day", day);
        });
    }
}
