package org.duban.task.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.consuming.InPlaceRetry;
import org.duban.replica.SnapshotConsumption;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the replica consumers carry, in /q/health/ready: the snapshots skipped since the start and
 * whether one is waiting for the database. Always UP: a database outage shows in the datasource's own
 * check, which recovers by itself; a skipped snapshot is in the log and replaced by the next one.
 */
@Readiness
@ApplicationScoped
public class ReplicaConsumersCheck implements HealthCheck {

    @Inject
    SnapshotConsumption consumption;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("Consumers: unit replica").up()
                .withData("skipped", consumption.skipped());
        InPlaceRetry.State s = consumption.state();
        if (s.retryingSince() != null) {
            b.withData("waitingForDatabaseSince", s.retryingSince().toString());
            b.withData("lastTransientError", String.valueOf(s.lastTransientError()));
        }
        return b.build();
    }
}
