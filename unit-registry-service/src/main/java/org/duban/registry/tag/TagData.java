package org.duban.registry.tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One tag as the city's data file, the tag API and the city's one write path (city.CityStore) hold it. */
@Schema(name = "TagData", description = "A tag of the city's vocabulary; role tags name a function inside units")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagData(
        @Schema(examples = "openness-office") String code,
        @Schema(examples = "政府信息公开工作主管部门") String name,
        List<String> aliases,
        @Schema(description = "A role: \"<units><role>\" resolves to the role within each unit") Boolean role,
        String description) {

    public static final int DESCRIPTION_MAX = 500;

    /** A tag as stored. */
    public static TagData of(Tag t) {
        return new TagData(t.code, t.name, List.copyOf(t.aliases), t.role, t.description);
    }
}
