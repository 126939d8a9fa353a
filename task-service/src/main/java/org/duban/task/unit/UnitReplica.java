package org.duban.task.unit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.duban.replica.UnitReplicaBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * task-service's copy of a registry unit, kept from duban.units: the shared replica fields
 * ({@link UnitReplicaBase}) and what task-service needs besides — the unit's validity and the
 * units that replaced it once retired.
 */
@Entity
@Table(name = "unit_replica")
public class UnitReplica extends UnitReplicaBase {

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** The units that replaced this one, once it is retired (机构改革). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> successors = new ArrayList<>();
}
