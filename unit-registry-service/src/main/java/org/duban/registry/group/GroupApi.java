package org.duban.registry.group;

import jakarta.validation.Valid;
import org.duban.events.unit.UnitGroupSnapshot;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.duban.registry.unit.UnitApi;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** The API bodies of unit groups. */
public final class GroupApi {
    private GroupApi() {
    }

    @Schema(name = "GroupRequest", description = "A group: by rule, by explicit list, or open (to be designated)")
    public record GroupRequest(
            @Schema(description = "Stable code (ignored on update)", examples = "gqzf-gwh")
            @Pattern(regexp = UnitApi.CODE_PATTERN, message = UnitApi.CODE_MESSAGE) String code,
            @Schema(description = "The version read, on update (or If-Match)", examples = "1") Long version,
            @Schema(examples = "各区政府（管委会）") @NotBlank @Size(max = UnitApi.NAME_MAX) String name,
            @Schema(examples = "[\"各区（管委会）\"]")
            @Size(max = UnitApi.LIST_MAX) List<@NotBlank @Size(max = UnitApi.NAME_MAX) String> aliases,
            @Schema(description = "RULE, LIST or OPEN", examples = "RULE") @NotBlank @Size(max = UnitApi.TYPE_MAX) String kind,
            @Schema(description = "For RULE: active units matching every criterion") @Valid GroupRule rule,
            @Schema(description = "Explicit member codes (LIST; added to a RULE's members)", examples = "[\"xzq\", \"hqxq\"]")
            @Size(max = GroupData.MEMBERS_MAX) List<@NotNull @Pattern(regexp = UnitApi.CODE_PATTERN, message = UnitApi.CODE_MESSAGE) String> members,
            @Schema(description = "Omitted: active", examples = "true") Boolean active) {
        public GroupData toData(String code) {
            return new GroupData(code, name, aliases, kind, rule, members, active);
        }
    }

    @Schema(name = "Group")
    public record GroupView(String code, String name, List<String> aliases, UnitGroup.Kind kind, GroupRule rule,
                            List<String> members,
                            @Schema(description = "The members now (rule evaluated); empty for an open group") List<String> memberCodes,
                            boolean active, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public static GroupView of(UnitGroup g) {
            return new GroupView(g.code, g.name, List.copyOf(g.aliases), g.kind,
                    new GroupRule(List.copyOf(g.ruleTypes), List.copyOf(g.ruleTags), g.ruleParent), List.copyOf(g.members),
                    List.copyOf(g.memberCodes), g.active, g.version, g.createdAt, g.updatedAt);
        }
    }

    /** The snapshot published on duban.unit-groups (key = group code), the events module's record. */
    public static UnitGroupSnapshot snapshot(UnitGroup g) {
        return new UnitGroupSnapshot(g.code, g.name, List.copyOf(g.aliases), UnitGroupSnapshot.Kind.valueOf(g.kind.name()),
                new UnitGroupSnapshot.Rule(List.copyOf(g.ruleTypes), List.copyOf(g.ruleTags), g.ruleParent),
                List.copyOf(g.members), List.copyOf(g.memberCodes), g.kind == UnitGroup.Kind.OPEN, g.active, g.version);
    }

    @Schema(name = "GroupPage")
    public record GroupPage(List<GroupView> items, String nextCursor) {
    }
}
