package org.duban.registry.resolution;

import java.util.List;

/**
 * Where the resolver's directory comes from: the city's store ({@code city.CityStore} implements it). The
 * resolution package names what it needs and the city package provides it, so the two do not depend on
 * each other both ways (issue 18: no package cycles).
 */
public interface DirectorySource {

    /** The registry's city as the resolution answer names it; null before a city is imported. */
    record RegistryCity(String code, String name, List<String> shortNames) {
    }

    /** The whole registry as the resolver reads it, and its city. */
    record Snapshot(Directory directory, RegistryCity city) {
    }

    /** Bumped by every write, on any replica: a different revision means the snapshot is stale. */
    long revision();

    Snapshot snapshot();
}
