package org.duban.registry.group;

/**
 * Where group writes go: the city's one validated write path ({@code city.CityStore} implements it), as
 * {@code unit.UnitWrites} for units, so the group and city packages do not depend on each other both ways
 * (issue 18: no package cycles).
 */
public interface GroupWrites {

    /** Validates the group (a request body) against the whole city and applies it, or throws a 4xx problem and writes nothing. */
    void applyGroup(GroupData group);
}
