package org.duban.task.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One change of a task or of one of its assignments: who, when, what, from which state to which, why. */
@Entity
@Table(name = "task_history")
public class TaskHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "task_id", nullable = false)
    public UUID taskId;

    @Column(name = "assignment_id")
    public UUID assignmentId;

    @Column(name = "unit_code")
    public String unitCode;

    /** The action's slug: created, published, accept, report-progress, … */
    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(name = "from_state")
    public String fromState;

    @Column(name = "to_state")
    public String toState;

    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> details = new HashMap<>();
}
