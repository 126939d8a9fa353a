package org.duban.notification.parking;

/**
 * Whether a unit is in this service's replica, for re-checking an event parked as unknown-unit. The unit package
 * owns the replica and implements it ({@code unit.ReplicaUnits}), so parking does not depend on the unit package
 * whose consumer parks (issue 18: no package cycles).
 */
public interface KnownUnits {

    /** True when the unit is in the replica (in the caller's transaction). */
    boolean known(String unitCode);
}
