package org.duban.registry.unit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A unit of the city (市直单位, 区政府, 管委会 ...), identified by a stable code. */
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {

    @Id
    public String code;

    /** Full name, e.g. 珠海市司法局. */
    @Column(nullable = false)
    public String name;

    /** Short name as plans write it, e.g. 市司法局. */
    @Column(name = "short_name")
    public String shortName;

    /** Other short forms, names before a reform (市发改局). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> aliases = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UnitType type;

    @Column(name = "parent_code")
    public String parentCode;

    /** Codes from the tag vocabulary. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    /** 联络员: several, at most one primary. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<UnitContact> contacts = new ArrayList<>();

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** Units this one replaced in a reorganisation (机构改革). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> predecessors = new ArrayList<>();

    /** Units that replaced this one. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> successors = new ArrayList<>();

    @Column(nullable = false)
    public boolean active = true;

    /** The city's own order of its units. */
    @Column(nullable = false)
    public int ordinal;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
