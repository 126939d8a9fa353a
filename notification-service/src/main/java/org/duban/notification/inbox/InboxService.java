package org.duban.notification.inbox;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.duban.notification.delivery.NotificationUnits;
import org.duban.notification.paging.InboxCursor;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

/** A unit's inbox: listing it (filtered, by cursor), what a live stream missed, marking notifications read. */
@ApplicationScoped
@Transactional
public class InboxService implements NotificationUnits {

    /** What a list may be narrowed to; null members do not narrow. */
    public record Filter(String type, Boolean read, UUID taskId) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    /** A page of the unit's inbox, newest first, after {@code cursor} (null: from the newest). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public InboxApi.NotificationPage page(String unitCode, String cursor, int limit) {
        return page(unitCode, Filter.NONE, cursor, limit);
    }

    /** A page of the unit's inbox narrowed by {@code filter}, newest first, after {@code cursor}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public InboxApi.NotificationPage page(String unitCode, Filter filter, String cursor, int limit) {
        StringBuilder q = new StringBuilder("unitCode = :unit");
        Map<String, Object> params = new HashMap<>();
        params.put("unit", unitCode);
        if (filter.type() != null && !filter.type().isBlank()) {
            q.append(" and eventType = :type");
            params.put("type", filter.type());
        }
        if (filter.read() != null) {
            q.append(filter.read() ? " and readAt is not null" : " and readAt is null");
        }
        if (filter.taskId() != null) {
            q.append(" and taskId = :task");
            params.put("task", filter.taskId());
        }
        InboxCursor.appendAfter(q, params, "createdAt", cursor);
        InboxCursor.Page<Notification> page = InboxCursor.Page.of(Notification.<Notification>find(q.toString(),
                Sort.descending("createdAt", "id"), params).page(0, limit + 1).list(), limit, Notification::cursor);
        return new InboxApi.NotificationPage(page.rows().stream().map(InboxApi.NotificationView::of).toList(), page.next(),
                unreadCount(unitCode));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(String unitCode) {
        return Notification.count("unitCode = ?1 and readAt is null", unitCode);
    }

    /**
     * The unit's notifications after {@code cursor} (exclusive; null: none — the stream starts at
     * "now"), oldest first: what a resuming live stream missed.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> after(String unitCode, InboxCursor cursor, int limit) {
        return Notification.<Notification>find("unitCode = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))",
                Sort.ascending("createdAt", "id"), unitCode, cursor.createdAt(), cursor.id()).page(0, limit).list();
    }

    /**
     * As {@link #after}, without the notifications {@code skip} names (a live stream's rows sent already, above its
     * floor): a stream woken again reads only what is new, not its look-back window again (issue 16). Fixed SQL
     * (the ids as one array parameter), so its plan is built once whatever the number of ids.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> afterExcept(String unitCode, InboxCursor cursor, java.util.Collection<UUID> skip, int limit) {
        return Notification.getEntityManager().createNativeQuery("""
                        SELECT * FROM notification
                        WHERE unit_code = ?1 AND (created_at > ?2 OR (created_at = ?2 AND id > ?3))
                          AND NOT (id = ANY(CAST(string_to_array(?4, ' ') AS uuid[])))
                        ORDER BY created_at, id
                        LIMIT ?5""", Notification.class)
                .setParameter(1, unitCode)
                .setParameter(2, cursor.createdAt())
                .setParameter(3, cursor.id())
                .setParameter(4, String.join(" ", skip.stream().map(UUID::toString).toList()))
                .setParameter(5, limit)
                .getResultList();
    }

    /** The newest notification of the unit, if any (where a fresh live stream starts). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Notification newest(String unitCode) {
        return Notification.<Notification>find("unitCode = ?1", Sort.descending("createdAt", "id"), unitCode)
                .firstResult();
    }

    /** Marks every unread notification of the unit read; returns how many were unread. */
    public int markAllRead(String unitCode) {
        return Notification.update("readAt = ?1 where unitCode = ?2 and readAt is null",
                OffsetDateTime.now(ZoneOffset.UTC), unitCode);
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

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> unitOf(UUID notificationId) {
        Notification n = Notification.findById(notificationId);
        return n == null ? Optional.empty() : Optional.of(n.unitCode);
    }

    /** The cursor, or a 400 problem naming {@code cursor}. */
    public static InboxCursor decode(String cursor) {
        return InboxCursor.fromRequest(cursor);
    }
}
