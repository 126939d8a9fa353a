package org.duban.registry.resolution;

import java.util.List;

/**
 * What the resolver knows about a city: its units, groups and tags, as plain values. Built from
 * the database by the service, or from a city data file by tests and benchmarks.
 */
public record Directory(String cityName, List<String> cityShortNames, List<UnitEntry> units, List<GroupEntry> groups,
                        List<TagEntry> tags) {

    public Directory {
        cityShortNames = cityShortNames == null ? List.of() : List.copyOf(cityShortNames);
        units = List.copyOf(units);
        groups = List.copyOf(groups);
        tags = List.copyOf(tags);
    }

    /** A unit, in the order the city lists them (group expansions keep this order). */
    public record UnitEntry(String code, String name, String shortName, List<String> aliases, String type, String parent,
                            List<String> tags, boolean active, List<String> successors) {
        public UnitEntry {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            tags = tags == null ? List.of() : List.copyOf(tags);
            successors = successors == null ? List.of() : List.copyOf(successors);
        }
    }

    /**
     * A group. {@code kind} RULE: active units matching every given criterion (types, tags, parent),
     * plus the explicit members; LIST: the explicit members; OPEN: to be designated, no members.
     */
    public record GroupEntry(String code, String name, List<String> aliases, String kind, List<String> types,
                             List<String> tags, String parent, List<String> members, boolean active) {
        public GroupEntry {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            types = types == null ? List.of() : List.copyOf(types);
            tags = tags == null ? List.of() : List.copyOf(tags);
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /** A tag of the city's vocabulary; a role tag names a function inside a unit (政府信息公开工作主管部门). */
    public record TagEntry(String code, String name, List<String> aliases, boolean role) {
        public TagEntry {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }
}
