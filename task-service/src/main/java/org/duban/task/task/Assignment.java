package org.duban.task.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What one unit owes for one task (task x unit). */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    /** 牵头 (lead) or 责任 (responsible). */
    public enum Role { LEAD, RESPONSIBLE }

    /** Where the assignment stands; {@link Lifecycle} says which action leads where. */
    public enum State { ASSIGNED, ACCEPTED, IN_PROGRESS, SUBMITTED, COMPLETED, RETURNED, CANCELLED }

    /** How the unit came to owe the task. */
    public enum Origin { PLANNED, CLAIMED, DESIGNATED }

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id")
    public Task task;

    @Column(name = "unit_code", nullable = false)
    public String unitCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Origin origin = Origin.PLANNED;

    /** This unit's deadline: the task's, until an extension or a change moves it. Null = none (periodic reports). */
    public LocalDate deadline;

    /** Working days before the deadline from which the light turns yellow (the plan's largest reminder threshold). */
    @Column(name = "warn_days", nullable = false)
    public int warnDays = 5;

    /** The latest reported percent (0 before any report). */
    @Column(name = "progress_percent", nullable = false)
    public int progressPercent;

    @Column(name = "last_progress_at")
    public OffsetDateTime lastProgressAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Version
    public long version;
}
