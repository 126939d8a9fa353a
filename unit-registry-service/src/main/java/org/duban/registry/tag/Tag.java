package org.duban.registry.tag;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;

/** A tag of the city's managed vocabulary (有经济管理服务职能); a role tag names a function inside units. */
@Entity
@Table(name = "tag")
public class Tag extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> aliases = new ArrayList<>();

    @Column(nullable = false)
    public boolean role;

    public String description;
}
