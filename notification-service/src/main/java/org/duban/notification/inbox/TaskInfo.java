package org.duban.notification.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What notification-service learnt of a task from its events: the title, the lead unit (from the
 * LEAD task.assigned) and the plan's document number (when an event carries it), so that reminders,
 * which carry neither, can still name them.
 */
@Entity
@Table(name = "task_info")
public class TaskInfo extends PanacheEntityBase {

    @Id
    @Column(name = "task_id")
    public UUID taskId;

    public String title;

    @Column(name = "lead_unit_code")
    public String leadUnitCode;

    @Column(name = "lead_unit_name")
    public String leadUnitName;

    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
