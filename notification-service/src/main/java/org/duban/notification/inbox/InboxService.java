package org.duban.notification.inbox;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.hibernate.Session;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** A unit's inbox: delivering notifications into it, listing it, marking notifications read. */
@ApplicationScoped
@Transactional
public class InboxService {

    @Inject
    Session session;

    /**
     * Puts the notification of a {@code task.assigned} event in the unit's inbox, in the caller's
     * transaction. The unique key (event, unit, channel) makes a second delivery a no-op.
     *
     * @return true if stored, false if that unit already had it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean deliverTaskAssigned(IncomingEvent event, TaskAssigned data) {
        NotificationText.Text text = NotificationText.taskAssigned(data);
        return insertOnce(data.unitCode(), event.id(), event.type(), data.taskId(), data.assignmentId(),
                text.title(), text.body(), data.deadline());
    }

    private boolean insertOnce(String unitCode, String eventId, String eventType, UUID taskId, UUID assignmentId,
                               String title, String body, LocalDate deadline) {
        return session.createNativeMutationQuery("""
                INSERT INTO notification (id, unit_code, channel, event_id, event_type, task_id, assignment_id,
                                          title, body, deadline, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                ON CONFLICT (event_id, unit_code, channel) DO NOTHING""")
                .setParameter(1, UUID.randomUUID(), UUID.class)
                .setParameter(2, unitCode, String.class)
                .setParameter(3, Notification.INBOX, String.class)
                .setParameter(4, eventId, String.class)
                .setParameter(5, eventType, String.class)
                .setParameter(6, taskId, UUID.class)
                .setParameter(7, assignmentId, UUID.class)
                .setParameter(8, title, String.class)
                .setParameter(9, body, String.class)
                .setParameter(10, deadline, LocalDate.class)
                // PostgreSQL keeps microseconds: store exactly what a cursor will carry
                .setParameter(11, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), OffsetDateTime.class)
                .executeUpdate() == 1;
    }

    /** A page of the unit's inbox, newest first, after {@code cursor} (null: from the newest). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public InboxApi.NotificationPage page(String unitCode, String cursor, int limit) {
        List<Notification> rows;
        Sort newestFirst = Sort.descending("createdAt", "id");
        if (cursor == null || cursor.isBlank()) {
            rows = Notification.find("unitCode = ?1", newestFirst, unitCode).page(0, limit + 1).list();
        } else {
            InboxCursor after = decode(cursor);
            rows = Notification.find("unitCode = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))",
                            newestFirst, unitCode, after.createdAt(), after.id())
                    .page(0, limit + 1).list();
        }
        boolean more = rows.size() > limit;
        List<Notification> page = more ? rows.subList(0, limit) : rows;
        String next = more ? InboxCursor.after(page.get(page.size() - 1)).encode() : null;
        long unread = Notification.count("unitCode = ?1 and readAt is null", unitCode);
        return new InboxApi.NotificationPage(page.stream().map(InboxApi.NotificationView::of).toList(), next, unread);
    }

    /** Marks one of the unit's notifications read; marking it again changes nothing. */
    public void markRead(String unitCode, UUID id) {
        Notification n = Notification.findById(id);
        if (n == null || !n.unitCode.equals(unitCode)) {
            throw ProblemException.notFound("Unit '" + unitCode + "' has no notification " + id);
        }
        if (n.readAt == null) {
            n.readAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    private static InboxCursor decode(String cursor) {
        try {
            return InboxCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.VALIDATION, "The cursor is not one this service returned",
                    List.of(new Problem.FieldError("cursor", "not a cursor returned as nextCursor", cursor)));
        }
    }
}
