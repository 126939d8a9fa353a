package org.duban.registry.resolution;

import java.util.List;

/**
 * How one phrase resolved: its mentions in order, the lead unit (the one marked 牵头, else the
 * first named unit), and the units of all mentions together (in order, without repeats).
 */
public record Resolution(String phrase, List<Mention> mentions, String leadUnitCode, List<String> unitCodes,
                         boolean complete, boolean toBeDesignated, List<String> leadUnitCodes) {

    public enum Kind {
        /** a named unit */
        UNIT,
        /** a group whose members are known */
        GROUP,
        /** a group whose members the supervisor designates (市直有关单位) */
        OPEN_GROUP,
        /** a role inside units (各区政府（管委会）政府信息公开工作主管部门) */
        ROLE,
        /** nothing matched; see the candidates */
        UNRESOLVED
    }

    /**
     * One mention. {@code ref} is the unit or group code it names (for a role: the unit or group
     * the role sits in); {@code role} the role tag's code; {@code unitCodes} what it expands to.
     */
    public record Mention(String text, Kind kind, String ref, String role, List<String> unitCodes, boolean lead,
                          List<Candidate> candidates, String note) {
    }

    /** A near match for an unresolved mention: a unit or group, with a similarity in [0, 1]. */
    public record Candidate(String kind, String code, String name, double score) {
    }
}
