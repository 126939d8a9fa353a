package org.duban.events.unit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * {@code unit-group.snapshot} on duban.unit-groups (compacted, key = group code): the full current state of a
 * group (市直各单位, 各区政府（管委会）…), after every change to it and whenever its evaluated members change.
 *
 * @param kind        by rule, by explicit list, or open (to be designated)
 * @param members     explicit members
 * @param memberCodes the members as evaluated at this version (empty for an open group)
 * @param open        {@code kind} is OPEN: units are designated per task or claim it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnitGroupSnapshot(String code, String name, List<String> aliases, Kind kind, Rule rule,
                                List<String> members, List<String> memberCodes, boolean open, boolean active,
                                long version) {

    public enum Kind { RULE, LIST, OPEN }

    /** Active units matching every criterion: any of {@code types}, all of {@code tags}, under {@code parent}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(List<String> types, List<String> tags, String parent) {
    }
}
