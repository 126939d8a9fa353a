package org.duban.registry.city;

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

/** The city this registry serves (one row). */
@Entity
@Table(name = "city")
public class City extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "short_names", nullable = false)
    public List<String> shortNames = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static City current() {
        return City.<City>findAll().firstResult();
    }
}
