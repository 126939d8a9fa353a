package org.duban.notification.unit;

import jakarta.enterprise.context.ApplicationScoped;
import org.duban.notification.parking.KnownUnits;

/** The units of the replica, as parking asks about them. */
@ApplicationScoped
public class ReplicaUnits implements KnownUnits {

    @Override
    public boolean known(String unitCode) {
        return UnitReplica.findById(unitCode) != null;
    }
}
