package org.duban.notification.unit;

import org.duban.replica.UnitReplicaBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * notification-service's copy of a registry unit with its contacts (联络员), kept from duban.units,
 * so that channels such as e-mail find whom to write to without asking the registry.
 */
@Entity
@Table(name = "unit_replica")
public class UnitReplica extends UnitReplicaBase {

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UnitContact> contacts = new ArrayList<>();

    /** The primary contact, else the first one. */
    public Optional<UnitContact> primaryContact() {
        return contacts.stream().filter(UnitContact::primary).findFirst().or(() -> contacts.stream().findFirst());
    }
}
