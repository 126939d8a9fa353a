package org.duban.registry.unit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** One unit as the city's data file and the city's one write path (city.CityStore) hold it. */
@Schema(name = "UnitData", description = "One unit in a city data file")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitData(
        @Schema(examples = "sfj") String code,
        @Schema(examples = "珠海市司法局") String name,
        @Schema(examples = "市司法局") String shortName,
        List<String> aliases,
        @Schema(examples = "MUNICIPAL_DEPARTMENT") String type,
        @Schema(examples = "szf") String parent,
        List<String> tags,
        List<UnitContact> contacts,
        LocalDate validFrom,
        LocalDate validTo,
        List<String> predecessors,
        List<String> successors,
        Boolean active) {
}
