package org.duban.registry.tag;

/**
 * Where tag writes go: the city's one validated write path ({@code city.CityStore} implements it), as
 * {@code unit.UnitWrites} for units, so the tag and city packages do not depend on each other both ways
 * (issue 18: no package cycles).
 */
public interface TagWrites {

    /** Validates the tag (a request body) against the whole city and applies it, or throws a 4xx problem and writes nothing. */
    void applyTag(TagData tag);
}
