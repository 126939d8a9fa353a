package org.duban.registry.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One group as the city's data file and the city's one write path (city.CityStore) hold it. */
@Schema(name = "GroupData", description = "One group in a city data file")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupData(
        @Schema(examples = "gqzf-gwh") String code,
        @Schema(examples = "各区政府（管委会）") String name,
        List<String> aliases,
        @Schema(description = "RULE, LIST or OPEN (to be designated)", examples = "RULE") String kind,
        GroupRule rule,
        List<String> members,
        Boolean active) {

    /** A LIST group's members. */
    public static final int MEMBERS_MAX = 1000;

    /** A group as stored, as data to change. */
    public static GroupData of(UnitGroup g) {
        return new GroupData(g.code, g.name, List.copyOf(g.aliases), g.kind.name(),
                new GroupRule(List.copyOf(g.ruleTypes), List.copyOf(g.ruleTags), g.ruleParent), List.copyOf(g.members), g.active);
    }
}
