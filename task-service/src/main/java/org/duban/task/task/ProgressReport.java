package org.duban.task.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** 进展报送: what a unit reported on its assignment. Never changed once written. */
@Entity
@Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public int percent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "evidence_links", nullable = false)
    public List<String> evidenceLinks = new ArrayList<>();

    @Column(name = "next_steps")
    public String nextSteps;

    @Column(nullable = false)
    public String actor;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;
}
