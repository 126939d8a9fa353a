package org.duban.registry.group;

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

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A named set of units as plans write it (市直各单位, 各区政府（管委会）, 市直有关单位). */
@Entity
@Table(name = "unit_group")
public class UnitGroup extends PanacheEntityBase {

    public enum Kind {
        /** active units matching every criterion of the rule, plus the explicit members */
        RULE,
        /** the explicit members */
        LIST,
        /** to be designated by the supervisor: no members */
        OPEN
    }

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> aliases = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rule_types", nullable = false)
    public List<String> ruleTypes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rule_tags", nullable = false)
    public List<String> ruleTags = new ArrayList<>();

    @Column(name = "rule_parent")
    public String ruleParent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> members = new ArrayList<>();

    /** The evaluated members as last published. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "member_codes", nullable = false)
    public List<String> memberCodes = new ArrayList<>();

    @Column(nullable = false)
    public boolean active = true;

    @Column(nullable = false)
    public int ordinal;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
