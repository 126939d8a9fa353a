package org.duban.task.unit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * task-service's copy of a registry unit, kept from duban.units. Not versioned with @Version:
 * {@code version} is the registry's, and a snapshot only replaces an older one.
 */
@Entity
@Table(name = "unit_replica")
public class UnitReplica extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "short_name")
    public String shortName;

    @Column(nullable = false)
    public String type;

    @Column(name = "parent_code")
    public String parentCode;

    /** Tag codes of the registry's vocabulary (e.g. openness-office). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** The units that replaced this one, once it is retired (机构改革). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> successors = new ArrayList<>();

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
