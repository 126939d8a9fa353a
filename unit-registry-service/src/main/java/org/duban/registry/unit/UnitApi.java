package org.duban.registry.unit;

import org.duban.events.unit.UnitSnapshot;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The API bodies of units, and their one mapping from the entity. */
public final class UnitApi {
    /** Limits of a unit's fields (city.CityApi refers to them for the city file). */
    public static final int NAME_MAX = 100;
    public static final int SHORT_NAME_MAX = 50;
    public static final int TYPE_MAX = 40;
    public static final int CONTACT_NAME_MAX = 50;
    public static final int PHONE_MAX = 30;
    public static final int EMAIL_MAX = 254;
    public static final int LIST_MAX = 50;
    public static final String PHONE_PATTERN = "[0-9+()\\- /转]*";

    private UnitApi() {
    }

    public static final String CODE_PATTERN = org.duban.common.unit.UnitCodes.PATTERN;
    public static final String CODE_MESSAGE = org.duban.common.unit.UnitCodes.MESSAGE;

    @Schema(name = "CreateUnit", description = "A new unit")
    public record CreateUnit(
            @Schema(description = "Stable code: lower-case letters, digits and '-'", examples = "sfj")
            @NotBlank @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String code,
            @Schema(description = "Full name", examples = "珠海市司法局")
            @NotBlank @Size(max = NAME_MAX) String name,
            @Schema(description = "Short name as plans write it", examples = "市司法局")
            @Size(max = SHORT_NAME_MAX) String shortName,
            @Schema(description = "Other short forms, names before a reform", examples = "[\"市司法局\"]")
            @Size(max = LIST_MAX) List<@NotBlank @Size(max = NAME_MAX) String> aliases,
            @Schema(description = "Kind of unit: MUNICIPAL_DEPARTMENT (市政府组成部门), DIRECT_AGENCY (直属机构), DISTRICT (区政府), "
                    + "ZONE_COMMITTEE (管委会), PUBLIC_ENTERPRISE (公共企事业单位), OTHER; the Chinese label is accepted too",
                    examples = "MUNICIPAL_DEPARTMENT")
            @NotBlank @Size(max = TYPE_MAX) String type,
            @Schema(description = "Code of the parent unit", examples = "szf")
            @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String parent,
            @Schema(description = "Tag codes from the vocabulary (GET /tags)", examples = "[\"openness-office\"]")
            @Size(max = LIST_MAX) List<@NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String> tags,
            @Schema(description = "联络员") @Size(max = LIST_MAX) List<@NotNull @Valid UnitContact> contacts,
            @Schema(examples = "2019-01-25") LocalDate validFrom,
            LocalDate validTo,
            @Schema(description = "Units this one replaced (机构改革)", examples = "[\"fzj\"]")
            @Size(max = LIST_MAX) List<@NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String> predecessors) {

        /** The record the store merges. */
        public UnitData toData() {
            return new UnitData(code, name, shortName, aliases, type, parent, tags, contacts, validFrom, validTo,
                    predecessors, null, true);
        }
    }

    @Schema(name = "UpdateUnit", description = "The whole new state of a unit (the code stays)")
    public record UpdateUnit(
            @Schema(description = "The version read; or send it in If-Match", examples = "3") Long version,
            @Schema(examples = "珠海市司法局") @NotBlank @Size(max = NAME_MAX) String name,
            @Schema(examples = "市司法局") @Size(max = SHORT_NAME_MAX) String shortName,
            @Schema(examples = "[\"司法局\"]") @Size(max = LIST_MAX) List<@NotBlank @Size(max = NAME_MAX) String> aliases,
            @Schema(examples = "MUNICIPAL_DEPARTMENT") @NotBlank @Size(max = TYPE_MAX) String type,
            @Schema(examples = "szf") @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String parent,
            @Schema(examples = "[\"openness-office\"]") @Size(max = LIST_MAX) List<@NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String> tags,
            @Schema(description = "联络员") @Size(max = LIST_MAX) List<@NotNull @Valid UnitContact> contacts,
            @Schema(examples = "2019-01-25") LocalDate validFrom,
            LocalDate validTo,
            @Schema(description = "Units this one replaced (机构改革)", examples = "[\"fzj\"]")
            @Size(max = LIST_MAX) List<@NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String> predecessors,
            @Schema(description = "Units that took over from this one", examples = "[]")
            @Size(max = LIST_MAX) List<@NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String> successors,
            @Schema(description = "Omitted: unchanged", examples = "true") Boolean active) {
    }

    @Schema(name = "Deactivation", description = "Retires a unit (机构改革): it stays, inactive, for history")
    public record Deactivation(
            @Schema(description = "Last day of validity; default today", examples = "2020-12-31") LocalDate validTo,
            @Schema(description = "Units that take over; each gets this unit as predecessor", examples = "[\"wsjkj\"]")
            @Size(max = LIST_MAX) List<@NotNull @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String> successors) {
    }

    @Schema(name = "Unit")
    public record UnitView(
            @Schema(examples = "sfj") String code,
            @Schema(examples = "珠海市司法局") String name,
            @Schema(examples = "市司法局") String shortName,
            List<String> aliases, UnitType type,
            @Schema(examples = "szf") String parent, List<String> tags, List<UnitContact> contacts,
            LocalDate validFrom, LocalDate validTo, List<String> predecessors, List<String> successors,
            boolean active, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static UnitView of(Unit u) {
            return new UnitView(u.code, u.name, u.shortName, List.copyOf(u.aliases), u.type, u.parentCode, List.copyOf(u.tags),
                    List.copyOf(u.contacts), u.validFrom, u.validTo, List.copyOf(u.predecessors), List.copyOf(u.successors),
                    u.active, u.version, u.createdAt, u.updatedAt);
        }
    }

    /** The snapshot published on duban.units (key = code), the events module's record; consumers keep replicas from it. */
    public static UnitSnapshot snapshot(Unit u) {
        return new UnitSnapshot(u.code, u.name, u.shortName, List.copyOf(u.aliases), UnitSnapshot.Type.valueOf(u.type.name()),
                u.parentCode, List.copyOf(u.tags),
                u.contacts.stream().map(c -> new UnitSnapshot.Contact(c.name(), c.phone(), c.email(), c.primary())).toList(),
                u.validFrom, u.validTo, List.copyOf(u.predecessors), List.copyOf(u.successors), u.active, u.version);
    }

    @Schema(name = "UnitPage", description = "A page of units; pass nextCursor as cursor for the next one")
    public record UnitPage(List<UnitView> items, String nextCursor) {
    }
}
