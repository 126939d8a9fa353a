package org.duban.task.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A section of a plan: 一、围绕… */
@Entity
@Table(name = "plan_section")
public class PlanSection extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    /** 1 for 一、 */
    @Column(nullable = false)
    public int ordinal;

    @Column(nullable = false)
    public String title;

    @OneToMany(mappedBy = "section", cascade = CascadeType.PERSIST)
    @OrderBy("ordinal")
    public List<WorkItem> workItems = new ArrayList<>();
}
