package org.duban.task.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.UUID;

/** A work item (工作事项) of a section: （一）以权责清单为依托… Its tasks point at it. */
@Entity
@Table(name = "work_item")
public class WorkItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "section_id")
    public PlanSection section;

    /** 1 for （一） */
    @Column(nullable = false)
    public int ordinal;

    @Column(nullable = false)
    public String title;
}
