package org.duban.registry.city;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.duban.registry.group.GroupData;
import org.duban.registry.group.GroupRule;
import org.duban.registry.resolution.Directory;
import org.duban.registry.tag.TagData;
import org.duban.registry.unit.UnitApi;
import org.duban.registry.unit.UnitContact;
import org.duban.registry.unit.UnitData;
import org.duban.registry.unit.UnitType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The city data file: a whole city's tags, units and groups, as the bulk import reads it and the
 * export writes it (docs/registry.md). deploy/local/demo/zhuhai-2020.json is one.
 */
public final class CityApi {
    private CityApi() {
    }

    // The longest values the registry keeps: the API records check them with @Size (400), the import and
    // every other write through CityValidator (422, by record), so no path stores an unbounded string.
    public static final int NAME_MAX = UnitApi.NAME_MAX;
    public static final int SHORT_NAME_MAX = UnitApi.SHORT_NAME_MAX;
    public static final int TYPE_MAX = UnitApi.TYPE_MAX;
    public static final int CONTACT_NAME_MAX = UnitApi.CONTACT_NAME_MAX;
    public static final int PHONE_MAX = UnitApi.PHONE_MAX;
    public static final int EMAIL_MAX = UnitApi.EMAIL_MAX;
    /** A phone number as people write it: digits, +, -, spaces, brackets, / between numbers, 转 before an extension. */
    public static final String PHONE_PATTERN = UnitApi.PHONE_PATTERN;
    /** Aliases, tags, contacts, predecessors, successors, a rule's types and tags, a city's short names. */
    public static final int LIST_MAX = UnitApi.LIST_MAX;
    public static final int DESCRIPTION_MAX = TagData.DESCRIPTION_MAX;
    /** A LIST group's members. */
    public static final int MEMBERS_MAX = GroupData.MEMBERS_MAX;

    @Schema(name = "City", description = "A whole city: its tag vocabulary, units and groups")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CityDocument(CityInfo city, List<TagData> tags, List<UnitData> units, List<GroupData> groups) {
        public CityDocument {
            tags = tags == null ? List.of() : tags;
            units = units == null ? List.of() : units;
            groups = groups == null ? List.of() : groups;
        }

        /** The resolver's view of this document (units in file order). */
        public Directory toDirectory() {
            List<Directory.UnitEntry> us = new ArrayList<>();
            for (UnitData u : units) {
                us.add(new Directory.UnitEntry(u.code(), u.name(), u.shortName(), u.aliases(), canonicalType(u.type()), u.parent(),
                        u.tags(), u.active() == null || u.active(), u.successors()));
            }
            List<Directory.GroupEntry> gs = new ArrayList<>();
            for (GroupData g : groups) {
                GroupRule r = g.rule() == null ? new GroupRule(null, null, null) : g.rule();
                gs.add(new Directory.GroupEntry(g.code(), g.name(), g.aliases(), g.kind() == null ? "RULE" : g.kind(),
                        r.types() == null ? null : r.types().stream().map(CityApi::canonicalType).toList(), r.tags(), r.parent(),
                        g.members(), g.active() == null || g.active()));
            }
            List<Directory.TagEntry> ts = tags.stream()
                    .map(t -> new Directory.TagEntry(t.code(), t.name(), t.aliases(), Boolean.TRUE.equals(t.role()))).toList();
            return new Directory(city == null ? null : city.name(), city == null ? List.of() : city.shortNames(), us, gs, ts);
        }
    }

    /** A type as MUNICIPAL_DEPARTMENT whether written so or as 市政府组成部门. */
    static String canonicalType(String type) {
        return UnitType.parse(type).map(Enum::name).orElse(type);
    }

    @Schema(name = "CityInfo")
    public record CityInfo(
            @Schema(examples = "zhuhai") String code,
            @Schema(description = "The city's name; as a prefix it becomes 市 (珠海市司法局 → 市司法局)", examples = "珠海市") String name,
            @Schema(description = "Short forms dropped as a prefix", examples = "[\"珠海\"]") List<String> shortNames) {
    }
}
