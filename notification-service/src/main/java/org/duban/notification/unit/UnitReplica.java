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
import java.util.Optional;

/**
 * notification-service's copy of a registry unit with its contacts (联络员), kept from duban.units,
 * so that channels such as e-mail find whom to write to without asking the registry.
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

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UnitContact> contacts = new ArrayList<>();

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The primary contact, else the first one. */
    public Optional<UnitContact> primaryContact() {
        return contacts.stream().filter(UnitContact::primary).findFirst().or(() -> contacts.stream().findFirst());
    }
}
