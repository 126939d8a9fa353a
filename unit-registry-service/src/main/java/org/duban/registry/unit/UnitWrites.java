package org.duban.registry.unit;

import java.util.List;

/**
 * Where unit writes go: the city's one validated write path ({@code city.CityStore} implements it). The
 * unit package names what it needs and the city package provides it, so the two do not depend on each
 * other both ways (issue 18: no package cycles).
 */
public interface UnitWrites {

    /** A unit's new state and where in the request it came from (for the field of an error). */
    record Located(UnitData data, String where) {
    }

    /** Validates the changes against the whole city and applies them, or throws a 4xx problem and writes nothing. */
    void applyUnits(List<Located> changes);

    /** A unit as stored, as data to change. */
    UnitData dataOf(Unit unit);
}
