package org.duban.task.unit;

import io.quarkus.panache.common.Sort;
import org.duban.replica.UnitGroupReplica;

import java.util.List;
import java.util.Set;

/**
 * The units an open group of a plan (市直有关单位, 有关单位 …) could contain: only they may claim (认领) a
 * task addressed to it; any other unit the supervising office designates instead.
 * <p>
 * The registry gives an open group no members and no rule ("to be designated"), so the bound is read
 * from what task-service's replicas hold:
 * <ol>
 * <li>a group of the registry with that name that has members (a RULE or LIST group, e.g.
 * 各区政府（管委会）): its members as the registry last evaluated them;</li>
 * <li>otherwise the phrase's qualifier, matched against the unit's type: 市直…, 市… (市直有关单位,
 * 市有关单位, 有经济管理服务职能的市直单位) → the municipal units, MUNICIPAL_DEPARTMENT and DIRECT_AGENCY
 * (the registry's 市直各单位); …区…, …管委会… (各区有关单位) → DISTRICT and ZONE_COMMITTEE;</li>
 * <li>an unqualified phrase (有关单位, 相关单位) bounds nothing: any active unit.</li>
 * </ol>
 *
 * @param group   the phrase as the task names it
 * @param members the registry group's members (rule 1), else null
 * @param types   the unit types admitted (rule 2), else null (with {@code members} null too: any unit)
 */
public record OpenGroupScope(String group, List<String> members, Set<String> types) {

    static final Set<String> MUNICIPAL = Set.of("MUNICIPAL_DEPARTMENT", "DIRECT_AGENCY");
    static final Set<String> DISTRICT = Set.of("DISTRICT", "ZONE_COMMITTEE");

    /** The scope of {@code phrase}; {@code registryGroup} is the active registry group of that name, or null. */
    public static OpenGroupScope of(String phrase, UnitGroupReplica registryGroup) {
        if (registryGroup != null && !registryGroup.open && !registryGroup.memberCodes.isEmpty()) {
            return new OpenGroupScope(phrase, List.copyOf(registryGroup.memberCodes), null);
        }
        return new OpenGroupScope(phrase, null, typesOf(phrase));
    }

    /** The scope of {@code phrase}, with the registry group of that name from the replica. */
    public static OpenGroupScope lookup(String phrase) {
        UnitGroupReplica g = UnitGroupReplica.<UnitGroupReplica>find("name = ?1 and active = true", Sort.by("code"), phrase)
                .firstResult();
        return of(phrase, g);
    }

    static Set<String> typesOf(String phrase) {
        if (phrase.contains("市直") || phrase.startsWith("市")) {
            return MUNICIPAL;
        }
        if (phrase.contains("区") || phrase.contains("管委会")) {
            return DISTRICT;
        }
        return null;
    }

    /** Whether a unit of this code and type could be one of the group's. */
    public boolean admits(String unitCode, String unitType) {
        if (members != null) {
            return members.contains(unitCode);
        }
        return types == null || types.contains(unitType);
    }

    /** For a refusal: who the group could contain. */
    public String describe() {
        if (members != null) {
            return group + " (the registry's members of that group)";
        }
        if (types == null) {
            return group + " (any unit)";
        }
        return group + " (units of type " + String.join(" or ", types.stream().sorted().toList()) + ")";
    }
}
