package org.duban.task.task;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A concrete task of a plan, owed by one or more units through its assignments. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    /** Where the deadline came from. */
    public enum DeadlineSource {
        /** given as a date */
        EXPLICIT,
        /** derived from the plan's phrase (2020年底前) */
        PHRASE,
        /** the task named no deadline and takes its plan's default, and says so */
        PLAN_DEFAULT,
        /** no deadline: continuing work with periodic reports (长期坚持, 持续推进) */
        NONE_PERIODIC
    }

    /** Due at the end of this day, Asia/Shanghai; null = no deadline ({@link DeadlineSource#NONE_PERIODIC}). */
    public LocalDate deadline;

    @Column(name = "deadline_phrase")
    public String deadlinePhrase;

    @Enumerated(EnumType.STRING)
    @Column(name = "deadline_source", nullable = false)
    public DeadlineSource deadlineSource = DeadlineSource.EXPLICIT;

    /** The plan, section and work item this task belongs to; all null for a standalone task. */
    @Column(name = "plan_id")
    public UUID planId;

    @Column(name = "section_id")
    public UUID sectionId;

    @Column(name = "work_item_id")
    public UUID workItemId;

    /** Position within the plan (1-based), null for a standalone task. */
    public Integer ordinal;

    /** Labels such as 六稳, 六保. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    /** The units the plan names: the lead (牵头) and the others (责任); assignments are created from them on publish. */
    @Column(name = "lead_unit_code")
    public String leadUnitCode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "responsible_unit_codes", nullable = false)
    public List<String> responsibleUnitCodes = new ArrayList<>();

    /** Phrases naming units not yet known (市直有关单位): units claim (认领) or are designated. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "open_groups", nullable = false)
    public List<String> openGroups = new ArrayList<>();

    /** This task's own reporting cycle (JSON of a ReportCycle), overriding its plan's; null = the plan's (issue 19). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "report_cycle")
    public String reportCycle;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "task", cascade = CascadeType.PERSIST)
    @OrderBy("role, createdAt, unitCode")
    public List<Assignment> assignments = new ArrayList<>();
}
