package org.duban.notification.unit;

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

/** notification-service's copy of a registry group with its members as last evaluated (none when open). */
@Entity
@Table(name = "unit_group_replica")
public class UnitGroupReplica extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

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
