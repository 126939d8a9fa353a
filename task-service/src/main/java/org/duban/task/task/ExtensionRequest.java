package org.duban.task.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * 延期申请: a unit asks for a later deadline. A sub-record, not a state of the assignment, so the
 * unit keeps working while the supervisor decides; at most one is PENDING per assignment.
 */
@Entity
@Table(name = "extension_request")
public class ExtensionRequest extends PanacheEntityBase {

    public enum State { PENDING, APPROVED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "previous_deadline", nullable = false)
    public LocalDate previousDeadline;

    @Column(name = "requested_deadline", nullable = false)
    public LocalDate requestedDeadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Version
    public long version;
}
