package org.duban.events.unit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code unit.snapshot} on duban.units (compacted, key = unit code): the full current state of a unit, after
 * every change. A retired unit is a snapshot with {@code active = false}, never a tombstone.
 *
 * @param shortName    the short name as plans write it, or null
 * @param aliases      other short forms, names before a reform
 * @param parent       the parent unit's code, or null
 * @param tags         tag codes of the registry's vocabulary
 * @param contacts     联络员 (at most one primary)
 * @param predecessors unit codes linked by a reorganisation (机构改革)
 * @param version      the registry's optimistic version; replicas ignore a snapshot older than what they hold
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnitSnapshot(String code, String name, String shortName, List<String> aliases, Type type,
                           String parent, List<String> tags, List<Contact> contacts, LocalDate validFrom,
                           LocalDate validTo, List<String> predecessors, List<String> successors, boolean active,
                           long version) {

    public enum Type { MUNICIPAL_DEPARTMENT, DIRECT_AGENCY, DISTRICT, ZONE_COMMITTEE, PUBLIC_ENTERPRISE, OTHER }

    /** A liaison (联络员); {@code phone} and {@code email} are left out when unknown. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String name, String phone, String email, boolean primary) {
    }
}
