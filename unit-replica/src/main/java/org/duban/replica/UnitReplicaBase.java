package org.duban.replica;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What every service's copy of a registry unit holds (table {@code unit_replica}), kept from
 * duban.units. Each service's {@code UnitReplica} entity extends it with the columns only it needs
 * (task-service: validity and successors; notification-service: contacts). Not versioned with
 * {@code @Version}: {@code version} is the registry's, and a snapshot only replaces an older one.
 */
@MappedSuperclass
public abstract class UnitReplicaBase extends PanacheEntityBase {

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

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
