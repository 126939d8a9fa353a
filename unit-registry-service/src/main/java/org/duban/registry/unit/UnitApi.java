package org.duban.registry.unit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** The API bodies of units, and their one mapping from the entity. */
public final class UnitApi {
    private UnitApi() {
    }

    public static final String CODE_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";

    @Schema(name = "CreateUnit", description = "A new unit")
    public record CreateUnit(
            @Schema(description = "Stable code: lower-case letters, digits and '-'", examples = "sfj")
            @NotBlank @Pattern(regexp = CODE_PATTERN, message = "must be lower-case letters, digits and '-', at most 40") String code,
            @Schema(description = "Full name", examples = "珠海市司法局")
            @NotBlank @Size(max = 100) String name,
            @Schema(description = "Short name as plans write it", examples = "市司法局")
            @Size(max = 50) String shortName,
            @Schema(description = "Kind of unit", examples = "MUNICIPAL_DEPARTMENT")
            @NotNull UnitType type) {
    }

    @Schema(name = "Unit")
    public record UnitView(String code, String name, String shortName, UnitType type, boolean active, long version,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static UnitView of(Unit u) {
            return new UnitView(u.code, u.name, u.shortName, u.type, u.active, u.version, u.createdAt, u.updatedAt);
        }
    }

    /** The snapshot published on duban.units (key = code); consumers keep replicas from it. */
    public record UnitSnapshot(String code, String name, String shortName, UnitType type, boolean active, long version) {
        static UnitSnapshot of(Unit u) {
            return new UnitSnapshot(u.code, u.name, u.shortName, u.type, u.active, u.version);
        }
    }

    @Schema(name = "UnitPage", description = "A page of units; pass nextCursor as cursor for the next one")
    public record UnitPage(List<UnitView> items, String nextCursor) {
    }
}
