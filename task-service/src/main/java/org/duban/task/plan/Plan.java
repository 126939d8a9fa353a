package org.duban.task.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.duban.task.task.AssignmentLifecycle;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A division-of-labour plan (分工方案): drafted, then published, which creates its assignments. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    public enum State { DRAFT, PUBLISHED }

    @Id
    public UUID id;

    /** 文号, e.g. 珠府办〔2020〕9号; unique. */
    @Column(name = "document_number", nullable = false)
    public String documentNumber;

    @Column(nullable = false)
    public String title;

    public String issuer;

    @Column(name = "issue_date")
    public LocalDate issueDate;

    @Column(nullable = false)
    public int year;

    @Column(name = "basis_document")
    public String basisDocument;

    /** The deadline of a task that names none (its year's end unless given). */
    @Column(name = "default_deadline", nullable = false)
    public LocalDate defaultDeadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** Reminder thresholds in working days before the deadline. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "reminder_days", nullable = false)
    public List<Integer> reminderDays = new ArrayList<>();

    @Column(name = "overdue_daily", nullable = false)
    public boolean overdueDaily;

    /** The reporting cycle its tasks inherit (JSON of a ReportCycle with its range filled in), null = none (issue 19). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "report_cycle")
    public String reportCycle;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "plan", cascade = CascadeType.PERSIST)
    @OrderBy("ordinal")
    public List<PlanSection> sections = new ArrayList<>();

    public AssignmentLifecycle.ReminderPolicy reminderPolicy() {
        return new AssignmentLifecycle.ReminderPolicy(List.copyOf(reminderDays), overdueDaily);
    }
}
