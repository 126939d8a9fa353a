package org.duban.registry.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.duban.registry.unit.UnitApi;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "GroupRule", description = "Membership by rule: active units matching every given criterion")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupRule(
        @Schema(examples = "[\"DISTRICT\", \"ZONE_COMMITTEE\"]") @Size(max = UnitApi.LIST_MAX) List<@NotNull @Size(max = UnitApi.TYPE_MAX) String> types,
        @Size(max = UnitApi.LIST_MAX) List<@NotNull @Pattern(regexp = UnitApi.CODE_PATTERN, message = UnitApi.CODE_MESSAGE) String> tags,
        @Pattern(regexp = UnitApi.CODE_PATTERN, message = UnitApi.CODE_MESSAGE) String parent) {
}
