package org.duban.replica;

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

/**
 * A service's copy of a registry group (市直各单位, 各区政府（管委会）…), kept from duban.unit-groups,
 * with its members as the registry last evaluated them. An open group (市直有关单位) has none.
 */
@Entity
@Table(name = "unit_group_replica")
public class UnitGroupReplica extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    /** RULE, LIST or OPEN. */
    @Column(nullable = false)
    public String kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "member_codes", nullable = false)
    public List<String> memberCodes = new ArrayList<>();

    @Column(nullable = false)
    public boolean open;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
