package org.duban.notification.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.duban.notification.paging.InboxCursor;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A notification to one unit on one channel, caused by one event. There is at most one per
 * (event, unit, channel): the table's unique key, not only the consumer's log, guarantees it.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    /** The record of every notification is its inbox row; external channels are {@code Delivery} rows. */
    public static final String INBOX = "inbox";

    @Id
    public UUID id;

    @Column(name = "unit_code", nullable = false)
    public String unitCode;

    @Column(nullable = false)
    public String channel = INBOX;

    /** The {@code ce_id} of the event that caused it. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** The {@code ce_type} of that event, e.g. {@code task.assigned}. */
    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "task_id")
    public UUID taskId;

    @Column(name = "assignment_id")
    public UUID assignmentId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    public LocalDate deadline;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The plan's document number (文号), when the events carried it. */
    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "lead_unit_name")
    public String leadUnitName;

    /** Where the task is shown in the web app. */
    public String link;

    /** Why the unit is told: ASSIGNEE, SUPERVISOR or ESCALATION (org.duban.notification.routing.Routing.Reason). */
    @Column(nullable = false)
    public String reason = "ASSIGNEE";

    /** When the unit marked it read; null while unread. */
    @Column(name = "read_at")
    public OffsetDateTime readAt;

    /** The position after this notification in its unit's inbox. */
    public InboxCursor cursor() {
        return new InboxCursor(createdAt, id);
    }
}
